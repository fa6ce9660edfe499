package dev.parley.realtime.socket;

import dev.parley.accounts.CurrentUser;
import dev.parley.conversations.ConversationService;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Admits a {@code /ws/notifications/} handshake for the authenticated caller (Spring Security has
 * already refused a missing or bad token with 401) and takes the stream's starting position in each of
 * the caller's conversations before the upgrade is answered, so whatever commits after the client saw
 * the 101 is sent to it.
 */
@Component
class StreamHandshakeInterceptor implements HandshakeInterceptor {

    private final ConversationService conversations;

    StreamHandshakeInterceptor(ConversationService conversations) {
        this.conversations = conversations;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        CurrentUser user = CurrentUser.from(request.getPrincipal());
        attributes.put(Handshake.ATTRIBUTE, new Handshake(user, null, conversations.positionsOf(user.id())));
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
