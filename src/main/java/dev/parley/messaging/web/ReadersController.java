package dev.parley.messaging.web;

import dev.parley.accounts.CurrentUser;
import dev.parley.conversations.ReadBy;
import dev.parley.messaging.ReadReceiptService;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/chats/messages/{id}/reads/}: who has read a message, and when (seed 003). */
@Tag(name = "Messages")
@RestController
class ReadersController {

    record Readers(long message, List<ReadBy> readers) {}

    private final ReadReceiptService readReceipts;

    ReadersController(ReadReceiptService readReceipts) {
        this.readReceipts = readReceipts;
    }

    /** {@code {message, readers: [{user, name, read_at}]}}, first reader first; 403/404 as usual. */
    @Operation(
            operationId = "listReaders",
            summary = "List who read a message",
            description = "The participants who have read the message, and when.")
    @Refusals({ErrorCode.NOT_A_PARTICIPANT, ErrorCode.NOT_FOUND})
    @GetMapping("/api/chats/messages/{id}/reads")
    Readers readers(CurrentUser caller, @PathVariable long id) {
        return new Readers(id, readReceipts.readers(id, caller.id()));
    }
}
