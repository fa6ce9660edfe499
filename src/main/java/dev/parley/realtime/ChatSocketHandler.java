package dev.parley.realtime;

import dev.parley.conversations.Position;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * {@code /ws/chat/{id}/} (seed 000): one conversation's socket. It follows the conversation from where it
 * was at handshake (or {@code ?after_seq=}) and catches up on what committed until it joined the room.
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
        Connection.Followed followed = connection.follow(
                conversationId, (Position) attributes.get(ChatHandshakeInterceptor.START), support.catchUp());
        support.hub().add(connection, conversationId);
        followed.catchUp(); // what committed between the handshake and joining the room
        return connection;
    }
}
