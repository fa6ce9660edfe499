package dev.parley.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests: one Parley on a random port against the shared real PostgreSQL, reused by
 * every test class (the properties are declared once here so the Spring context is cached). Rate limits
 * are off here, since most tests send faster than a person; the rate-limit tests start nodes with them on.
 * Users may send messages of type {@code offer} besides {@code text}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    /** The test server's service credential for system messages. */
    public static final String SERVICE_KEY = "test-service-key";

    /** Signing secret of the test server, so tests can forge expired or foreign tokens. */
    public static final String JWT_SECRET = "parley-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-test-data");
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("parley.jwt.secret", () -> JWT_SECRET);
        registry.add("parley.data-dir", dataDir::toString);
        registry.add("parley.allowed-origins", () -> "http://allowed.example");
        registry.add("parley.service.key", () -> SERVICE_KEY);
        registry.add("parley.rate-limits.enabled", () -> "false");
        registry.add("parley.messages.user-types", () -> "offer");
    }

    protected ParleyClient client() {
        return new ParleyClient("http://localhost:" + port);
    }
}
