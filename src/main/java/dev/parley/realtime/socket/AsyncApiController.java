package dev.parley.realtime.socket;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /asyncapi.yaml}: the AsyncAPI description of the WebSocket protocol as {@code text/yaml}, its
 * server being the host and scheme the request came to ({@code ws} or {@code wss}), so that tools pointed at
 * any node, or at a proxy in front of them, connect where they read it.
 */
@Hidden
@RestController
class AsyncApiController {

    private static final MediaType YAML = MediaType.parseMediaType("text/yaml;charset=UTF-8");

    private final String document;

    AsyncApiController() {
        try (InputStream in = new ClassPathResource("asyncapi.yaml").getInputStream()) {
            this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/asyncapi.yaml")
    ResponseEntity<String> asyncApi(HttpServletRequest request) {
        String host = request.getServerName() + ":" + request.getServerPort();
        String protocol = request.isSecure() ? "wss" : "ws";
        String served = document.replace("host: localhost:8000", "host: " + host)
                .replace("protocol: ws\n", "protocol: " + protocol + "\n");
        return ResponseEntity.ok().contentType(YAML).body(served);
    }
}
