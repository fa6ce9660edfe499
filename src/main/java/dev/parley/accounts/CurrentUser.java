package dev.parley.accounts;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.security.Principal;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated caller of a REST request or WebSocket handshake, read from its access token.
 * Controllers take it as a method parameter.
 */
public record CurrentUser(long id, String username) {

    /**
     * The caller behind {@code principal}.
     *
     * @throws ParleyException {@code unauthenticated} when the principal is not an access token
     */
    public static CurrentUser from(Principal principal) {
        if (principal instanceof JwtAuthenticationToken token) {
            return new CurrentUser(
                    Long.parseLong(token.getToken().getSubject()),
                    token.getToken().getClaimAsString(AccessTokens.USERNAME_CLAIM));
        }
        throw new ParleyException(ErrorCode.UNAUTHENTICATED);
    }
}
