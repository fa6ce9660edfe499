package dev.parley.realtime.socket;

import dev.parley.conversations.ConversationService;
import dev.parley.conversations.Position;
import dev.parley.limits.RateLimit;
import dev.parley.limits.RateLimiter;
import dev.parley.messaging.MessageService;
import dev.parley.messaging.MessageService.Sent;
import dev.parley.messaging.ReadReceiptService;
import dev.parley.messaging.SendMessage;
import dev.parley.realtime.awareness.TypingIndicators;
import dev.parley.realtime.delivery.Connection;
import dev.parley.realtime.delivery.Sequencer;
import dev.parley.realtime.protocol.ClientFrame;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.ServerFrame;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.Outages;
import dev.parley.shared.ParleyException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out a client frame (SPEC "WebSocket protocol") for either kind of socket, through the same
 * module APIs and rate limits as REST (sends share the user's bucket with REST sends; typing frames have
 * their own). The target conversation is the socket's own on {@code /ws/chat/{id}/} (naming
 * another is refused) and the named one on the user stream (naming one is required). A refusal becomes
 * an error frame; the socket stays open.
 */
@Component
class FrameDispatcher {

    private static final Logger log = LoggerFactory.getLogger(FrameDispatcher.class);

    private final FrameCodec codec;
    private final MessageService messages;
    private final ReadReceiptService readReceipts;
    private final TypingIndicators typing;
    private final ConversationService conversations;
    private final RateLimiter limiter;
    private final SocketSessions sessions;

    FrameDispatcher(
            FrameCodec codec,
            MessageService messages,
            ReadReceiptService readReceipts,
            TypingIndicators typing,
            ConversationService conversations,
            RateLimiter limiter,
            SocketSessions sessions) {
        this.codec = codec;
        this.messages = messages;
        this.readReceipts = readReceipts;
        this.typing = typing;
        this.conversations = conversations;
        this.limiter = limiter;
        this.sessions = sessions;
    }

    /**
     * Carries out {@code frame}; a refusal is answered with an error frame.
     *
     * @return whether a rate limit refused it ({@code rate_limited}, nothing done)
     */
    boolean handle(Connection connection, ClientFrame frame) {
        String clientId = frame instanceof ClientFrame.Send send ? send.clientId() : null;
        try {
            switch (frame) {
                case ClientFrame.Send send -> send(connection, send);
                case ClientFrame.Read read -> read(connection, read);
                case ClientFrame.Typing typed -> {
                    long conversation = followed(connection, typed.conversation());
                    limiter.check(RateLimit.TYPING, connection.userId());
                    typing.update(connection, conversation, typed.isTyping());
                }
                case ClientFrame.Resume resume -> resume(connection, resume);
                case ClientFrame.Ping ping -> connection.send(codec.encode(new ServerFrame.Pong()));
                case ClientFrame.Auth auth -> sessions.authenticate(connection, auth.token());
            }
        } catch (ParleyException e) {
            sendError(connection, e, clientId);
            return e.errorCode() == ErrorCode.RATE_LIMITED;
        } catch (RuntimeException e) {
            if (Outages.isDatabaseUnavailable(e)) {
                sendError(connection, Outages.unavailable(), clientId);
            } else {
                log.error("Frame on socket {} failed", connection.id(), e);
                sendError(connection, new ParleyException(ErrorCode.INTERNAL_ERROR), clientId);
            }
        }
        return false;
    }

    /** Answers a refusal with seed 000's error frame plus its code (and the refused send's client_id). */
    void sendError(Connection connection, ParleyException error, String clientId) {
        connection.send(codec.encode(ServerFrame.Error.of(error, clientId)));
    }

    /**
     * Stores the message; its acknowledgement is the message frame that reaches this socket through its
     * door like every other. A repeated {@code client_id} stores nothing: the original message is handed
     * to the door, which sends it unless this socket already did; one stored before this socket's
     * position that can no longer come in order is answered with {@code already_stored}.
     */
    private void send(Connection connection, ClientFrame.Send send) {
        long conversation = target(connection, send.conversation());
        limiter.check(RateLimit.SEND, connection.userId());
        Sent sent = messages.send(new SendMessage(
                conversation, connection.userId(), send.body(), send.messageType(), send.metadata(), send.clientId()));
        if (!sent.created()) {
            Sequencer.Answer answer = connection.answer(
                    conversation, sent.message().seq(), codec.encode(new ServerFrame.Message(sent.message())));
            if (answer == Sequencer.Answer.OUT_OF_ORDER) {
                throw new ParleyException(
                        ErrorCode.ALREADY_STORED,
                        "Message seq " + sent.message().seq() + " was stored with this client_id before this"
                                + " socket's position; it is in the conversation's history");
            }
        }
    }

    private void read(Connection connection, ClientFrame.Read read) {
        long conversation = target(connection, read.conversation());
        if (read.upToSeq() != null) {
            readReceipts.markRead(conversation, connection.userId(), read.upToSeq());
        } else {
            readReceipts.markRead(conversation, connection.userId(), read.messageIds());
        }
    }

    /**
     * Replays what the client lacks per conversation: messages after its seq, and edits and deletes after
     * its revision, or (without one) those made since that seq was the newest message. Each conversation
     * is checked first: one the caller does not follow gets {@code not_a_participant}, a position beyond
     * the conversation's newest {@code position_out_of_range}, and one its door can no longer answer in
     * order {@code resume_too_late}; the others are resumed, and each refusal is one error frame naming
     * the conversations it covers. A refused conversation is left as it was.
     */
    private void resume(Connection connection, ClientFrame.Resume resume) {
        Map<Long, Long> afterSeqs = new TreeMap<>();
        Map<Long, Long> afterRevisions = new HashMap<>();
        for (ClientFrame.Resume.Target target : resume.targets()) {
            long conversation = target.conversation() != null
                    ? target.conversation()
                    : target(connection, null); // the socket's own; the stream must name one
            afterSeqs.put(conversation, target.afterSeq());
            if (target.afterRevision() != null) {
                afterRevisions.put(conversation, target.afterRevision());
            }
        }
        Map<Long, Position> now = conversations.positionsOf(connection.userId());
        Map<ErrorCode, List<Long>> refused = new EnumMap<>(ErrorCode.class);
        Map<Long, Long> derive = new HashMap<>();
        for (Map.Entry<Long, Long> entry : afterSeqs.entrySet()) {
            long conversation = entry.getKey();
            Position newest = now.get(conversation);
            Long afterRevision = afterRevisions.get(conversation);
            if (connection.followed(conversation) == null || newest == null) {
                refuse(refused, ErrorCode.NOT_A_PARTICIPANT, conversation);
            } else if (entry.getValue() > newest.seq()
                    || (afterRevision != null && afterRevision > newest.revision())) {
                refuse(refused, ErrorCode.POSITION_OUT_OF_RANGE, conversation);
            } else if (afterRevision == null) {
                derive.put(conversation, entry.getValue());
            }
        }
        if (!derive.isEmpty()) {
            messages.revisionsSince(derive).forEach(afterRevisions::put);
        }
        afterSeqs.forEach((conversation, afterSeq) -> {
            if (refused.values().stream().anyMatch(ids -> ids.contains(conversation))) {
                return;
            }
            Connection.Followed followed = connection.followed(conversation);
            Long afterRevision = afterRevisions.get(conversation);
            boolean late = !followed.messages().canResume(afterSeq)
                    || (afterRevision != null && !followed.revisions().canResume(afterRevision));
            if (!late) { // both counters or neither (a live frame may still slip in between: then one says so)
                late = followed.messages().resume(afterSeq) == Sequencer.Resumed.TOO_LATE;
                if (afterRevision != null) {
                    late |= followed.revisions().resume(afterRevision) == Sequencer.Resumed.TOO_LATE;
                }
            }
            if (late) {
                refuse(refused, ErrorCode.RESUME_TOO_LATE, conversation);
            }
        });
        refused.forEach((code, ids) -> connection.send(codec.encode(
                ServerFrame.Error.naming(code, ids.stream().sorted().toList()))));
    }

    private static void refuse(Map<ErrorCode, List<Long>> refused, ErrorCode code, long conversation) {
        refused.computeIfAbsent(code, c -> new ArrayList<>()).add(conversation);
    }

    /** The conversation a frame is about. */
    private static long target(Connection connection, Long named) {
        Long fixed = connection.fixedConversation();
        if (fixed == null && named == null) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "Name the conversation on the notifications stream");
        }
        if (fixed != null && named != null && !fixed.equals(named)) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "This socket serves conversation " + fixed);
        }
        return fixed != null ? fixed : named;
    }

    /** The target conversation, which this socket must follow (so its user is a participant). */
    private static long followed(Connection connection, Long named) {
        long conversation = target(connection, named);
        if (connection.followed(conversation) == null) {
            throw new ParleyException(ErrorCode.NOT_A_PARTICIPANT);
        }
        return conversation;
    }
}
