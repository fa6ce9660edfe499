package dev.parley.realtime.socket;

import dev.parley.accounts.CurrentUser;
import dev.parley.conversations.ConversationService;
import dev.parley.conversations.Position;
import dev.parley.messaging.MessageService;
import dev.parley.messaging.ReadReceiptService;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.web.Problems;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Admits a {@code /ws/chat/{id}/} handshake only for a participant (Spring Security has already
 * refused a missing or bad token with 401): 400 {@code invalid_id}, 404 {@code conversation_not_found},
 * 403 {@code not_a_participant} and, while PostgreSQL is unreachable, 503 {@code service_unavailable} are
 * answered before the upgrade. Then, as in seed 000, the
 * caller's unread messages there are marked read before the handshake completes, and the others get
 * a read receipt.
 */
@Component
class ChatHandshakeInterceptor extends HandshakeAdmission {

    private static final Pattern PATH = Pattern.compile("/ws/chat/([^/]+)/?");

    private final ConversationService conversations;
    private final ReadReceiptService readReceipts;
    private final MessageService messages;

    ChatHandshakeInterceptor(
            ConversationService conversations,
            ReadReceiptService readReceipts,
            MessageService messages,
            Problems problems,
            HandshakeGate gate) {
        super(problems, gate);
        this.conversations = conversations;
        this.messages = messages;
        this.readReceipts = readReceipts;
    }

    @Override
    protected Handshake admit(ServerHttpRequest request) {
        long conversationId = conversationId(request.getURI().getPath());
        CurrentUser user = CurrentUser.from(request.getPrincipal());
        Position now = conversations.requireMember(conversationId, user.id()).position();
        Position start = start(request, conversationId, now);
        readReceipts.markAllRead(conversationId, user.id());
        return new Handshake(user, conversationId, Map.of(conversationId, start));
    }

    /**
     * Where the socket starts. Parley's {@code ?after_seq=n}: the client has the messages up to n and
     * gets every later one, in seq order from the first frame (a {@code resume} frame races the live
     * frames sent meanwhile, and is too late once a later one went out), and the edits and deletes made since n was the newest message, or those
     * after {@code ?after_revision=r} when given; positions beyond the newest are taken as the newest.
     * Without it the socket starts now, as in seed 000.
     */
    private Position start(ServerHttpRequest request, long conversationId, Position now) {
        var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        Long afterSeq = counter(query.getFirst("after_seq"), "after_seq");
        Long afterRevision = counter(query.getFirst("after_revision"), "after_revision");
        if (afterSeq == null) {
            return now;
        }
        long seq = Math.min(afterSeq, now.seq());
        long revision = afterRevision != null
                ? afterRevision
                : messages.revisionsSince(Map.of(conversationId, seq)).getOrDefault(conversationId, now.revision());
        return new Position(seq, Math.min(revision, now.revision()));
    }

    private static Long counter(String value, String name) {
        if (value == null) {
            return null;
        }
        if (!value.matches("\\d{1,18}")) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, name + " is a non-negative integer, 0 for everything");
        }
        return Long.parseLong(value);
    }

    private static long conversationId(String path) {
        Matcher matcher = PATH.matcher(path);
        if (matcher.matches() && matcher.group(1).matches("\\d{1,18}")) {
            return Long.parseLong(matcher.group(1));
        }
        throw new ParleyException(ErrorCode.INVALID_ID, "Conversation ids are positive integers");
    }
}
