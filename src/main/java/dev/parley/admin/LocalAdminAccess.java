package dev.parley.admin;

import dev.parley.platform.DataDirectory;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.web.HeaderKeyFilter;
import dev.parley.shared.web.Problems;
import dev.parley.shared.web.ThisMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * How {@code bin/parley admin} reaches the running node when nobody can log in: {@code /local/admin/**}
 * answers only requests that carry {@code X-Parley-Admin-Key} with the secret the node keeps in
 * {@code <data-dir>/admin-key} (generated once, owner-only) and that come over loopback without forwarding
 * headers (so never through a proxy). Once its port is known, the node writes its loopback address into
 * {@code <data-dir>/admin-endpoint} for the command to find. Anything else gets 401 {@code invalid_admin_key}.
 */
@Configuration(proxyBeanMethods = false)
class LocalAdminAccess {

    static final String HEADER = "X-Parley-Admin-Key";
    static final String KEY_FILE = "admin-key";
    static final String ENDPOINT_FILE = "admin-endpoint";

    private final DataDirectory dataDirectory;

    LocalAdminAccess(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Bean
    @Order(0)
    SecurityFilterChain localAdminFilterChain(HttpSecurity http, Problems problems) throws Exception {
        String key = dataDirectory.secret(KEY_FILE);
        http.securityMatcher("/local/admin/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(
                        new HeaderKeyFilter(HEADER, key, "LOCAL_ADMIN", ThisMachine::sent), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("LOCAL_ADMIN"))
                .exceptionHandling(e -> e.authenticationEntryPoint(
                                (request, response, refused) -> problems.write(response, ErrorCode.INVALID_ADMIN_KEY))
                        .accessDeniedHandler(
                                (request, response, denied) -> problems.write(response, ErrorCode.INVALID_ADMIN_KEY)));
        return http.build();
    }

    @EventListener
    void announce(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getParent() != null) {
            return; // the management or another child context, not the node's own port
        }
        Path file = dataDirectory.file(ENDPOINT_FILE);
        try {
            Files.writeString(
                    file, "http://127.0.0.1:" + event.getWebServer().getPort() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
