package dev.parley.realtime.socket;

import dev.parley.accounts.CurrentUser;
import dev.parley.conversations.ConversationService;
import dev.parley.shared.Outages;
import dev.parley.shared.web.Problems;
import java.io.IOException;
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
 * the 101 is sent to it. While PostgreSQL is unreachable it answers 503 {@code service_unavailable}.
 */
@Component
class StreamHandshakeInterceptor implements HandshakeInterceptor {

    private final ConversationService conversations;
    private final Problems problems;

    StreamHandshakeInterceptor(ConversationService conversations, Problems problems) {
        this.conversations = conversations;
        this.problems = problems;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes)
            throws IOException {
        try {
            CurrentUser user = CurrentUser.from(request.getPrincipal());
            attributes.put(Handshake.ATTRIBUTE, new Handshake(user, null, conversations.positionsOf(user.id())));
            return true;
        } catch (RuntimeException failure) {
            problems.write(response, Outages.asRefusal(failure));
            return false;
        }
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
