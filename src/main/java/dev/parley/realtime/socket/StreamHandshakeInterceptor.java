package dev.parley.realtime.socket;

import dev.parley.accounts.CurrentUser;
import dev.parley.conversations.ConversationService;
import dev.parley.shared.web.Problems;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Admits a {@code /ws/notifications/} handshake for the authenticated caller (Spring Security has
 * already refused a missing or bad token with 401) and takes the stream's starting position in each of
 * the caller's conversations before the upgrade is answered, so whatever commits after the client saw
 * the 101 is sent to it. While PostgreSQL is unreachable it answers 503 {@code service_unavailable}.
 */
@Component
class StreamHandshakeInterceptor extends HandshakeAdmission {

    private final ConversationService conversations;

    StreamHandshakeInterceptor(ConversationService conversations, Problems problems, HandshakeGate gate) {
        super(problems, gate);
        this.conversations = conversations;
    }

    @Override
    protected Handshake admit(ServerHttpRequest request) {
        CurrentUser user = CurrentUser.from(request.getPrincipal());
        return new Handshake(user, null, conversations.positionsOf(user.id()));
    }
}
