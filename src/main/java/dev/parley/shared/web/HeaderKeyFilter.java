package dev.parley.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries a configured key in a header (compared in constant time), and comes
 * from where {@code from} allows, with one role: other services by {@code X-Parley-Service-Key} (role
 * {@code SERVICE}), the local admin command by {@code X-Parley-Admin-Key} (role {@code LOCAL_ADMIN}).
 * Without a configured key nothing is authenticated.
 */
public final class HeaderKeyFilter extends OncePerRequestFilter {

    private final String header;
    private final byte[] key;
    private final String role;
    private final Predicate<HttpServletRequest> from;

    /**
     * @param key the expected value; null or blank authenticates nothing
     * @param role the role granted, without the {@code ROLE_} prefix
     * @param from where a request must come from to be authenticated
     */
    public HeaderKeyFilter(String header, String key, String role, Predicate<HttpServletRequest> from) {
        this.header = header;
        this.key = key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8);
        this.role = role;
        this.from = from;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(header);
        if (key != null
                && presented != null
                && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8))
                && from.test(request)) {
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            role.toLowerCase(java.util.Locale.ROOT),
                            null,
                            List.of(new SimpleGrantedAuthority("ROLE_" + role))));
        }
        chain.doFilter(request, response);
    }
}
