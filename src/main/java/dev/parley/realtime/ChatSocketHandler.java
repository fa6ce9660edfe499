package dev.parley.realtime;

import dev.parley.messaging.MessageService;
import dev.parley.messaging.MessageService.Sent;
import dev.parley.messaging.ReadReceiptService;
import dev.parley.messaging.SendMessage;
import dev.parley.realtime.protocol.ClientFrame;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.FrameException;
import dev.parley.realtime.protocol.ServerFrame;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * {@code /ws/chat/{id}/} (seed 000): one conversation's socket. Sends are stored through
 * {@link MessageService} and reach every socket of the conversation, the sender's included, after
 * commit; a bad frame gets an error frame and the socket stays open.
 */
@Component
class ChatSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final LocalHub hub;
    private final FrameCodec codec;
    private final MessageService messages;
    private final ReadReceiptService readReceipts;
    private final RealtimeProperties properties;
    private final CatchUp catchUp;
    private final TypingIndicators typing;

    ChatSocketHandler(
            LocalHub hub,
            FrameCodec codec,
            MessageService messages,
            ReadReceiptService readReceipts,
            RealtimeProperties properties,
            CatchUp catchUp,
            TypingIndicators typing) {
        this.hub = hub;
        this.codec = codec;
        this.messages = messages;
        this.readReceipts = readReceipts;
        this.properties = properties;
        this.catchUp = catchUp;
        this.typing = typing;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        long userId = (Long) session.getAttributes().get(ChatHandshakeInterceptor.USER_ID);
        long conversationId = (Long) session.getAttributes().get(ChatHandshakeInterceptor.CONVERSATION_ID);
        long startSeq = (Long) session.getAttributes().get(ChatHandshakeInterceptor.START_SEQ);
        String username = (String) session.getAttributes().get(ChatHandshakeInterceptor.USERNAME);
        Connection connection =
                new Connection(session, userId, username, conversationId, startSeq, properties, catchUp);
        connections.put(session.getId(), connection);
        hub.add(connection);
        connection.sequencer().catchUp(); // what committed between the handshake and the subscription
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        try {
            String frame = connection.append(message.getPayload(), message.isLast());
            if (frame != null) {
                handle(connection, codec.decode(frame));
            }
        } catch (FrameException e) {
            sendError(connection, e, e.clientId());
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection != null && message.isLast()) {
            sendError(connection, new ParleyException(ErrorCode.INVALID_JSON, "Frames are JSON text"), null);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on socket {}: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            hub.remove(connection);
            typing.closed(connection);
        }
    }

    /** Closes every open socket with {@code status}, waiting up to {@code wait} for them to close. */
    void closeAll(CloseStatus status, Duration wait) {
        connections.values().forEach(connection -> connection.close(status));
        long deadline = System.nanoTime() + wait.toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void handle(Connection connection, ClientFrame frame) {
        switch (frame) {
            case ClientFrame.Send send -> send(connection, send);
            case ClientFrame.Read read -> read(connection, read);
            case ClientFrame.Resume resume -> resume(connection, resume);
            case ClientFrame.Typing typing -> typing(connection, typing);
            case ClientFrame.Ping ping -> connection.send(codec.encode(new ServerFrame.Pong()));
        }
    }

    private void send(Connection connection, ClientFrame.Send send) {
        try {
            requireThisConversation(connection, send.conversation());
            Sent sent = messages.send(new SendMessage(
                    connection.conversationId(),
                    connection.userId(),
                    send.body(),
                    send.messageType(),
                    send.metadata(),
                    send.clientId()));
            if (!sent.created()) { // a retry: acknowledge it to this socket only, nothing new to fan out
                connection.send(codec.encode(new ServerFrame.Message(sent.message())));
            }
        } catch (ParleyException e) {
            sendError(connection, e, send.clientId());
        } catch (RuntimeException e) {
            log.error("Send on socket {} failed", connection.id(), e);
            sendError(connection, new ParleyException(ErrorCode.INTERNAL_ERROR), send.clientId());
        }
    }

    private void read(Connection connection, ClientFrame.Read read) {
        try {
            requireThisConversation(connection, read.conversation());
            if (read.upToSeq() != null) {
                readReceipts.markRead(connection.conversationId(), connection.userId(), read.upToSeq());
            } else {
                readReceipts.markRead(connection.conversationId(), connection.userId(), read.messageIds());
            }
        } catch (ParleyException e) {
            sendError(connection, e, null);
        }
    }

    private void typing(Connection connection, ClientFrame.Typing frame) {
        try {
            requireThisConversation(connection, frame.conversation());
            typing.update(connection, frame.isTyping());
        } catch (ParleyException e) {
            sendError(connection, e, null);
        }
    }

    private void resume(Connection connection, ClientFrame.Resume resume) {
        try {
            requireThisConversation(connection, resume.conversation());
            connection.sequencer().resume(resume.afterSeq());
        } catch (ParleyException e) {
            sendError(connection, e, null);
        }
    }

    private static void requireThisConversation(Connection connection, Long conversation) {
        if (conversation != null && conversation != connection.conversationId()) {
            throw new ParleyException(
                    ErrorCode.INVALID_REQUEST, "This socket serves conversation " + connection.conversationId());
        }
    }

    private void sendError(Connection connection, ParleyException error, String clientId) {
        connection.send(codec.encode(new ServerFrame.Error(error.errorCode().code(), error.getMessage(), clientId)));
    }
}
