package dev.parley.realtime;

import dev.parley.messaging.MessageService;
import dev.parley.messaging.MessageService.Sent;
import dev.parley.messaging.ReadReceiptService;
import dev.parley.messaging.SendMessage;
import dev.parley.realtime.protocol.ClientFrame;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.ServerFrame;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out a client frame (SPEC "WebSocket protocol") for either kind of socket, through the same
 * module APIs as REST. The target conversation is the socket's own on {@code /ws/chat/{id}/} (naming
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

    FrameDispatcher(
            FrameCodec codec, MessageService messages, ReadReceiptService readReceipts, TypingIndicators typing) {
        this.codec = codec;
        this.messages = messages;
        this.readReceipts = readReceipts;
        this.typing = typing;
    }

    void handle(Connection connection, ClientFrame frame) {
        String clientId = frame instanceof ClientFrame.Send send ? send.clientId() : null;
        try {
            switch (frame) {
                case ClientFrame.Send send -> send(connection, send);
                case ClientFrame.Read read -> read(connection, read);
                case ClientFrame.Typing typed ->
                    typing.update(connection, followed(connection, typed.conversation()), typed.isTyping());
                case ClientFrame.Resume resume -> resume(connection, resume);
                case ClientFrame.Ping ping -> connection.send(codec.encode(new ServerFrame.Pong()));
            }
        } catch (ParleyException e) {
            sendError(connection, e, clientId);
        } catch (RuntimeException e) {
            log.error("Frame on socket {} failed", connection.id(), e);
            sendError(connection, new ParleyException(ErrorCode.INTERNAL_ERROR), clientId);
        }
    }

    /** Answers a refusal with seed 000's error frame plus its code (and the refused send's client_id). */
    void sendError(Connection connection, ParleyException error, String clientId) {
        connection.send(codec.encode(new ServerFrame.Error(error.errorCode().code(), error.getMessage(), clientId)));
    }

    private void send(Connection connection, ClientFrame.Send send) {
        long conversation = target(connection, send.conversation());
        Sent sent = messages.send(new SendMessage(
                conversation, connection.userId(), send.body(), send.messageType(), send.metadata(), send.clientId()));
        if (!sent.created()) { // a retry: acknowledge it to this socket only, nothing new to fan out
            connection.send(codec.encode(new ServerFrame.Message(sent.message())));
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
     * its revision, or (without one) those made since that seq was the newest message. A map naming
     * conversations the caller is no longer in resumes the others and then answers one
     * {@code not_a_participant} error naming the rest.
     */
    private void resume(Connection connection, ClientFrame.Resume resume) {
        Map<Long, Long> afterSeqs;
        Map<Long, Long> afterRevisions;
        List<Long> notFollowed = List.of();
        if (resume.afterSeqs() != null) {
            afterSeqs = new HashMap<>(resume.afterSeqs());
            notFollowed = afterSeqs.keySet().stream()
                    .filter(id -> connection.followed(id) == null)
                    .sorted()
                    .toList();
            notFollowed.forEach(afterSeqs::remove);
            afterRevisions = new HashMap<>(resume.afterRevisions());
        } else {
            long conversation = target(connection, resume.conversation());
            afterSeqs = Map.of(conversation, resume.afterSeq());
            afterRevisions = new HashMap<>();
            if (resume.afterRevision() != null) {
                afterRevisions.put(conversation, resume.afterRevision());
            }
        }
        Map<Long, Long> unknown = new HashMap<>();
        for (Map.Entry<Long, Long> position : afterSeqs.entrySet()) {
            followed(connection, position.getKey());
            if (!afterRevisions.containsKey(position.getKey())) {
                unknown.put(position.getKey(), position.getValue());
            }
        }
        if (!unknown.isEmpty()) {
            afterRevisions.putAll(messages.revisionsSince(unknown));
        }
        afterSeqs.forEach((conversation, afterSeq) -> {
            Connection.Followed followed = connection.followed(conversation);
            followed.messages().resume(afterSeq);
            Long afterRevision = afterRevisions.get(conversation);
            if (afterRevision != null) {
                followed.revisions().resume(afterRevision);
            }
        });
        if (!notFollowed.isEmpty()) {
            throw new ParleyException(
                    ErrorCode.NOT_A_PARTICIPANT, "Not resumed, as you are not a participant: " + notFollowed);
        }
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
