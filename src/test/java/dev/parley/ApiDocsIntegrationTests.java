package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.IntegrationTest;
import dev.parley.support.ParleyClient.Response;
import org.junit.jupiter.api.Test;

class ApiDocsIntegrationTests extends IntegrationTest {

    @Test
    void servesTheOpenApiDocumentWithoutTheCallerAsAParameter() {
        Response docs = client().get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").propertyNames())
                .contains(
                        "/auth/login",
                        "/api/chats/conversations",
                        "/api/chats/conversations/{id}/messages",
                        "/api/chats/unread-count");
        assertThat(docs.body().get("paths").get("/api/users/me").get("get").has("parameters"))
                .isFalse();
        assertThat(docs.body().get("components").get("securitySchemes").has("bearer"))
                .isTrue();
    }

    @Test
    void servesHealthWithoutAToken() {
        Response health = client().get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
    }
}
