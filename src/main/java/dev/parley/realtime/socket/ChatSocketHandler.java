package dev.parley.realtime.socket;

import dev.parley.conversations.ConversationService;
import dev.parley.conversations.Position;
import dev.parley.realtime.delivery.Connection;
import dev.parley.shared.ParleyException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code /ws/chat/{id}/} (seed 000): one conversation's socket. It follows the conversation from where it
 * was at handshake (or {@code ?after_seq=}) and catches up on what committed until it joined the room.
 */
@Component
class ChatSocketHandler implements SocketKind {

    private final ConversationService conversations;

    ChatSocketHandler(ConversationService conversations) {
        this.conversations = conversations;
    }

    @Override
    public boolean streams() {
        return false;
    }

    /** Empty when the user is no longer a member: the catch-up then closes the socket with 4403. */
    @Override
    public Map<Long, Position> currentPositions(Connection connection) {
        long conversationId = connection.fixedConversation();
        try {
            return Map.of(
                    conversationId,
                    conversations
                            .requireMember(conversationId, connection.userId())
                            .position());
        } catch (ParleyException refused) {
            return Map.of();
        }
    }
}
