package dev.parley.accounts;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.web.FromAccessToken;
import java.security.Principal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated caller of a REST request, WebSocket handshake or {@code auth} frame, read from its
 * access token. Controllers take it as a method parameter.
 *
 * @param session the login session the token belongs to, null for a token issued before sessions existed
 * @param expiresAt when the access token expires
 */
@FromAccessToken
public record CurrentUser(long id, String username, UUID session, Instant expiresAt) {

    /**
     * The caller behind {@code principal}.
     *
     * @throws ParleyException {@code unauthenticated} when the principal is not an access token
     */
    public static CurrentUser from(Principal principal) {
        if (principal instanceof JwtAuthenticationToken token) {
            return of(token.getToken());
        }
        throw new ParleyException(ErrorCode.UNAUTHENTICATED);
    }

    static CurrentUser of(Jwt token) {
        String session = token.getClaimAsString(AccessTokens.SESSION_CLAIM);
        return new CurrentUser(
                Long.parseLong(token.getSubject()),
                token.getClaimAsString(AccessTokens.USERNAME_CLAIM),
                session == null ? null : UUID.fromString(session),
                token.getExpiresAt());
    }
}
