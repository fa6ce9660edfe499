package dev.parley.limits;

import dev.parley.shared.ParleyException;
import dev.parley.shared.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Limits per client address, whichever way the path is spelled ({@link #normalised}): {@code POST /auth/login/} (and {@code /auth/password-reset/}, under the same
 * limit), {@code /auth/register/}, {@code /auth/refresh/},
 * and every WebSocket handshake ({@code /ws/**}). A refusal is 429 problem details {@code rate_limited} with
 * {@code Retry-After}, before authentication and before the upgrade. The address is the connection's, or
 * the client's as a trusted proxy reports it when {@code server.forward-headers-strategy} is set.
 */
class AddressRateLimitFilter extends OncePerRequestFilter {

    /** After the trailing-slash filter, before Spring Security (-100). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** A path segment's {@code ;parameters}, which the router ignores. */
    private static final Pattern PARAMETERS = Pattern.compile(";[^/]*");

    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    private final RateLimiter limiter;
    private final Problems problems;

    AddressRateLimitFilter(RateLimiter limiter, Problems problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimit limit = limitOf(request);
        if (limit != null) {
            try {
                limiter.check(limit, request.getRemoteAddr());
            } catch (ParleyException refused) {
                problems.write(response, refused);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static RateLimit limitOf(HttpServletRequest request) {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            return normalised(request.getRequestURI()).startsWith("/ws/") ? RateLimit.HANDSHAKE_ADDRESS : null;
        }
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            return null; // reads are never limited per address: no need to look at the path
        }
        return switch (normalised(request.getRequestURI())) {
            case "/auth/login", "/auth/password-reset" -> RateLimit.LOGIN_ADDRESS;
            case "/auth/register" -> RateLimit.REGISTER_ADDRESS;
            case "/auth/refresh" -> RateLimit.REFRESH_ADDRESS;
            default -> null;
        };
    }

    /**
     * {@code rawPath} in the one form every spelling of a limited path takes, at least as broad as what the
     * router accepts: percent-decoded, {@code ;parameters} dropped from each segment, repeated slashes joined,
     * {@code .} and {@code ..} resolved, no trailing slash, lower case. So {@code /auth/%6cogin/},
     * {@code //auth//login}, {@code /auth/x/../login;a=b} and {@code /AUTH/Login} are all {@code /auth/login}.
     * A path that cannot be decoded is taken as it is (the container refuses it).
     */
    static String normalised(String rawPath) {
        String path;
        try {
            path = UriUtils.decode(PARAMETERS.matcher(rawPath).replaceAll(""), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException undecodable) {
            path = rawPath;
        }
        path = StringUtils.cleanPath(
                PARAMETERS.matcher(SLASHES.matcher(path).replaceAll("/")).replaceAll(""));
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.toLowerCase(Locale.ROOT);
    }
}
