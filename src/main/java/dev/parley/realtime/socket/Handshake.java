package dev.parley.realtime.socket;

import dev.parley.accounts.CurrentUser;
import dev.parley.conversations.Position;
import java.util.Map;

/**
 * What a socket's handshake established, before the 101 answer: who connected (with the session and token
 * expiry the socket lives by), to what, and where the socket starts in each conversation it follows. Both
 * socket kinds take their starting positions here, so a message committed after the client saw the
 * upgrade is always after the socket's start.
 *
 * @param conversation the conversation of a {@code /ws/chat/{id}/} socket, null for the user stream
 * @param positions conversation id → the position up to which the client is taken to have it
 */
record Handshake(CurrentUser user, Long conversation, Map<Long, Position> positions) {

    /** The handshake attribute that holds it, from the handshake's interceptor to {@link JettyUpgrade}. */
    static final String ATTRIBUTE = "parley.handshake";
}
