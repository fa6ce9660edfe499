package dev.parley.accounts;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.web.HeaderKeyFilter;
import dev.parley.shared.web.Problems;
import dev.parley.shared.web.ThisMachine;
import dev.parley.shared.web.WebProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Who may call what: account endpoints, health and API docs are public; {@code /api/**},
 * {@code /ws/**} and logout need an access token, from {@code Authorization: Bearer} or, on
 * {@code /ws/**} only, the seed's {@code ?token=} query parameter; {@code /actuator/prometheus} is for admins,
 * the server's own machine and the metrics key ({@link MetricsProperties}). Refusals are problem details with
 * {@code unauthenticated} / {@code invalid_token} (401) or {@code forbidden} (403).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Paths other services call with the service key instead of a user's token. */
    static final String[] SERVICE_PATHS = {"/api/chats/conversations/*/system-messages"};

    /** System messages from other services: the service key, never a user token (seed 003's integrations). */
    @Bean
    @Order(1)
    SecurityFilterChain serviceFilterChain(HttpSecurity http, ServiceProperties service, Problems problems)
            throws Exception {
        AuthenticationEntryPoint refused =
                (request, response, e) -> problems.write(response, ErrorCode.INVALID_SERVICE_CREDENTIAL);
        http.securityMatcher(SERVICE_PATHS)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(
                        new HeaderKeyFilter("X-Parley-Service-Key", service.key(), "SERVICE", request -> true),
                        AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("SERVICE"))
                .exceptionHandling(e -> e.authenticationEntryPoint(refused)
                        .accessDeniedHandler((request, response, denied) ->
                                problems.write(response, ErrorCode.INVALID_SERVICE_CREDENTIAL)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            BearerTokenResolver tokenResolver,
            Problems problems,
            UserDirectory accounts,
            MetricsProperties metrics)
            throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            boolean badToken = e instanceof OAuth2AuthenticationException;
            problems.write(response, badToken ? ErrorCode.INVALID_TOKEN : ErrorCode.UNAUTHENTICATED);
        };
        AccessDeniedHandler denied = (request, response, e) -> problems.write(response, ErrorCode.FORBIDDEN);
        http.csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(
                        new HeaderKeyFilter(MetricsProperties.HEADER, metrics.key(), METRICS_ROLE, METRICS::matches),
                        AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.requestMatchers(METRICS)
                        .access(metricsReaders(accounts))
                        .requestMatchers(
                                HttpMethod.POST,
                                "/auth/register",
                                "/auth/login",
                                "/auth/refresh",
                                "/auth/password-reset")
                        .permitAll()
                        .requestMatchers("/api/**", "/ws/**", "/auth/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults())
                        .bearerTokenResolver(tokenResolver)
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied));
        return http.build();
    }

    private static final String METRICS_ROLE = "METRICS";

    /**
     * Prometheus's endpoint, however it is spelled (the decoded path, as the router matches it); the metrics key
     * authenticates nothing else.
     */
    private static final RequestMatcher METRICS = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/actuator/prometheus"),
            PathPatternRequestMatcher.withDefaults().matcher("/actuator/prometheus/**"));

    /** Requests from this machine, with the metrics key, or by an active admin (read now) read the metrics. */
    private static AuthorizationManager<RequestAuthorizationContext> metricsReaders(UserDirectory accounts) {
        return (authentication, context) -> {
            Authentication caller = authentication.get();
            boolean admitted = ThisMachine.sent(context.getRequest())
                    || caller.getAuthorities().stream()
                            .anyMatch(a -> a.getAuthority().equals("ROLE_" + METRICS_ROLE))
                    || (caller instanceof JwtAuthenticationToken jwt
                            && accounts.isActiveAdmin(
                                    Long.parseLong(jwt.getToken().getSubject())));
            return new AuthorizationDecision(admitted);
        };
    }

    /** The public account endpoints: they take no access token, so a stale one sent along does not refuse them. */
    private static final Set<String> PUBLIC_PATHS = Set.of(
            "/auth/register",
            "/auth/register/",
            "/auth/login",
            "/auth/login/",
            "/auth/refresh",
            "/auth/refresh/",
            "/auth/password-reset",
            "/auth/password-reset/");

    /**
     * {@code Authorization: Bearer} everywhere but the public account endpoints (a client whose session
     * ended may still send its old token when it logs in again), plus {@code ?token=} on WebSocket
     * handshakes (seed 000).
     */
    @Bean
    BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        return (HttpServletRequest request) -> {
            if (PUBLIC_PATHS.contains(request.getRequestURI())) {
                return null;
            }
            String token = header.resolve(request);
            if (token == null && request.getRequestURI().startsWith("/ws/")) {
                String query = request.getParameter("token");
                return query == null || query.isBlank() ? null : query;
            }
            return token;
        };
    }

    /**
     * No Micrometer observation around each of Spring Security's filters, nor around authentication and
     * authorization: with Actuator present they wrapped every request in about twenty observations, a
     * tenth of a history page's CPU. HTTP server metrics ({@code http.server.requests}) stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's delegating encoder (bcrypt by default, upgradable). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The CORS filter Spring Security runs (it takes the bean of this name): a request or handshake from an
     * Origin that is not allowed is refused with 403 problem details {@code origin_not_allowed}, not Spring's
     * plain-text "Invalid CORS request".
     */
    @Bean
    CorsFilter corsFilter(CorsConfigurationSource corsConfigurationSource, Problems problems) {
        CorsFilter filter = new CorsFilter(corsConfigurationSource); // by name: Spring MVC's introspector is one too
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                problems.write(response, new ParleyException(ErrorCode.ORIGIN_NOT_ALLOWED));
            }
        });
        return filter;
    }

    /** The CORS filter runs inside Spring Security's chain only, not a second time as a servlet filter. */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilterRegistration(CorsFilter corsFilter) {
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(corsFilter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(WebProperties web) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(web.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
