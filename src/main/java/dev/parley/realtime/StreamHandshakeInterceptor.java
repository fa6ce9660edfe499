package dev.parley.realtime;

import dev.parley.accounts.CurrentUser;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Admits a {@code /ws/notifications/} handshake for the authenticated caller (Spring Security has
 * already refused a missing or bad token with 401); the stream then covers the caller's conversations.
 */
@Component
class StreamHandshakeInterceptor implements HandshakeInterceptor {

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        CurrentUser user = CurrentUser.from(request.getPrincipal());
        attributes.put(ChatHandshakeInterceptor.USER_ID, user.id());
        attributes.put(ChatHandshakeInterceptor.USERNAME, user.username());
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
