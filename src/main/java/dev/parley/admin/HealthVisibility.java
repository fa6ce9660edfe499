package dev.parley.admin;

import dev.parley.accounts.AccountAdministration;
import dev.parley.shared.web.ThisMachine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who sees the health endpoint's components ({@code database}, {@code broker}, …) and their paths such as
 * {@code /actuator/health/broker}: admins (an admin's access token) and requests over loopback that no proxy
 * forwarded. Actuator shows components "when authorized" to role {@code ADMIN}; this filter, after Spring
 * Security, gives such a request that role. Everyone else sees the overall status only.
 */
@Component
class HealthVisibility extends OncePerRequestFilter {

    static final String ROLE = "ADMIN";

    private final AccountAdministration accounts;

    HealthVisibility(AccountAdministration accounts) {
        this.accounts = accounts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(privileged(request) ? new Privileged(request) : request, response);
    }

    private boolean privileged(HttpServletRequest request) {
        if (ThisMachine.sent(request)) {
            return true;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller instanceof JwtAuthenticationToken token
                && accounts.isActiveAdmin(Long.parseLong(token.getToken().getSubject()));
    }

    /** The request as Actuator sees it: a principal in role {@code ADMIN}. */
    private static final class Privileged extends HttpServletRequestWrapper {

        Privileged(HttpServletRequest request) {
            super(request);
        }

        @Override
        public boolean isUserInRole(String role) {
            return ROLE.equals(role) || super.isUserInRole(role);
        }

        @Override
        public Principal getUserPrincipal() {
            Principal principal = super.getUserPrincipal();
            return principal != null ? principal : () -> "local";
        }
    }
}
