package dev.parley.messaging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A message as clients see it: seed 000's {@code {id, conversation, sender, sender_name, body,
 * created_at, is_read}} plus SPEC's {@code seq, type, metadata, client_id, edited_at, deleted}.
 *
 * @param seq position in its conversation, 1, 2, 3 … without gaps
 * @param sender the sender's user id, null for system messages
 * @param metadata a JSON object or null
 * @param revision the conversation revision of the message's latest edit or delete, 0 if never changed;
 *     of two states of one message, the one with the higher revision is newer
 * @param isRead whether a member other than the sender has read it (seed 000's meaning)
 * @param reactions emoji counts and whether they are the viewer's; empty in live frames
 */
public record MessageView(
        long id,
        long conversation,
        long seq,
        @Schema(nullable = true) Long sender,
        @Schema(nullable = true) String senderName,
        String body,
        String type,
        @Schema(nullable = true) JsonNode metadata,
        @Schema(nullable = true) String clientId,
        Instant createdAt,
        @Schema(nullable = true) Instant editedAt,
        boolean deleted,
        long revision,
        boolean isRead,
        List<Reaction> reactions) {

    /** This message with the reactions as one viewer sees them. */
    public MessageView withReactions(List<Reaction> viewed) {
        return new MessageView(
                id,
                conversation,
                seq,
                sender,
                senderName,
                body,
                type,
                metadata,
                clientId,
                createdAt,
                editedAt,
                deleted,
                revision,
                isRead,
                viewed);
    }
}
