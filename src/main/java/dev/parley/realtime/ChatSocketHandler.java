package dev.parley.realtime;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * {@code /ws/chat/{id}/} (seed 000): one conversation's socket. It follows the conversation from the seq
 * seen at handshake (or {@code ?after_seq=}) and catches up on what committed until it joined the room.
 */
@Component
class ChatSocketHandler extends SocketHandler {

    ChatSocketHandler(SocketSupport support) {
        super(support);
    }

    @Override
    protected Connection open(WebSocketSession session) {
        Map<String, Object> attributes = session.getAttributes();
        long conversationId = (Long) attributes.get(ChatHandshakeInterceptor.CONVERSATION_ID);
        Connection connection = new Connection(
                session,
                (Long) attributes.get(ChatHandshakeInterceptor.USER_ID),
                (String) attributes.get(ChatHandshakeInterceptor.USERNAME),
                conversationId,
                support.properties());
        Sequencer sequencer = connection.follow(
                conversationId, (Long) attributes.get(ChatHandshakeInterceptor.START_SEQ), support.catchUp());
        support.hub().add(connection, conversationId);
        sequencer.catchUp(); // what committed between the handshake and joining the room
        return connection;
    }
}
