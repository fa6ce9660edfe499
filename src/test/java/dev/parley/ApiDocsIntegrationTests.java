package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.shared.ErrorCode;
import dev.parley.support.IntegrationTest;
import dev.parley.support.ParleyClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
    void documentsEveryRefusalOfAnOperationWithItsStatusAndEveryCodeSomewhere() throws Exception {
        JsonNode paths = client().get("/v3/api-docs", null).body().get("paths");
        JsonNode edit = paths.get("/api/chats/messages/{id}").get("patch").get("responses");
        assertThat(edit.get("403").get("description").asString())
                .contains("`not_the_author`")
                .contains("`not_a_participant`");
        assertThat(edit.get("409").get("description").asString()).contains("`message_deleted`");
        assertThat(edit.get("401").get("description").asString()).contains("`invalid_token`");
        assertThat(edit.get("400").get("description").asString())
                .contains("`empty_body`", "`invalid_json`", "`invalid_id`");
        assertThat(paths.get("/auth/refresh").get("post").get("responses").has("403"))
                .as("only the refusals an operation has")
                .isFalse();
        for (String limited : List.of("/auth/login", "/auth/register", "/api/chats/conversations/{id}/messages")) {
            JsonNode tooMany = paths.get(limited).get("post").get("responses").get("429");
            assertThat(tooMany.get("description").asString()).as(limited).contains("`rate_limited`");
            assertThat(tooMany.get("headers").has("Retry-After")).as(limited).isTrue();
        }
        assertThat(paths.get("/api/chats/messages/{id}/reads")
                        .get("get")
                        .get("responses")
                        .has("429"))
                .as("a read that no limit covers")
                .isFalse();

        StringBuilder documented = new StringBuilder(asyncApi());
        paths.forEach(path -> path.forEach(operation -> operation
                .get("responses")
                .forEach(response -> documented
                        .append(response.path("description").asString())
                        .append('\n'))));
        for (ErrorCode code : ErrorCode.values()) {
            // invalid_admin_key answers only the local admin command, which is not part of the public API
            if (code != ErrorCode.INTERNAL_ERROR
                    && code != ErrorCode.METHOD_NOT_ALLOWED
                    && code != ErrorCode.INVALID_ADMIN_KEY) {
                assertThat(java.util.regex.Pattern.compile("\\b" + code.code() + "\\b")
                                .matcher(documented)
                                .find())
                        .as(code.code())
                        .isTrue();
            }
        }
    }

    /**
     * What a code generator needs: wire names, an operationId, summary, description and resource tag per
     * operation, every status a handler picks, JSON content types. Also saves the document to
     * {@code target/openapi.json}, which {@code .ci/run} lints with Redocly.
     */
    @Test
    void describesEveryOperationAsTheWireSeesIt() throws Exception {
        Response docs = client().get("/v3/api-docs", null);
        java.nio.file.Files.writeString(
                java.nio.file.Path.of("target", "openapi.json"), docs.body().toString());
        JsonNode schemas = docs.body().get("components").get("schemas");
        schemas.properties()
                .forEach(schema -> schema.getValue()
                        .path("properties")
                        .propertyNames()
                        .forEach(name -> assertThat(name)
                                .as(schema.getKey() + "." + name)
                                .matches("[a-z0-9_]+")));
        assertThat(schemas.get("SendRequest").get("properties").has("client_id"))
                .isTrue();
        assertThat(schemas.get("CreateGroup").get("properties").has("member_ids"))
                .isTrue();
        assertThat(schemas.get("MessageView")
                        .get("properties")
                        .get("sender")
                        .path("nullable")
                        .asBoolean())
                .as("system messages have no sender")
                .isTrue();
        java.util.Set<String> operationIds = new java.util.HashSet<>();
        docs.body()
                .get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    JsonNode operation = entry.getValue();
                    String where = entry.getKey() + " " + path.getKey();
                    assertThat(operation.get("operationId").asString())
                            .as(where)
                            .matches("[a-z][A-Za-z]+");
                    assertThat(operationIds.add(operation.get("operationId").asString()))
                            .as(where)
                            .isTrue();
                    assertThat(operation.get("summary").asString()).as(where).isNotBlank();
                    assertThat(operation.get("description").asString())
                            .as(where)
                            .isNotBlank();
                    assertThat(operation.get("tags").get(0).asString())
                            .as(where)
                            .isIn("Accounts", "Conversations", "Messages", "Attachments", "Admin");
                    operation
                            .get("responses")
                            .properties()
                            .forEach(response -> response.getValue()
                                    .path("content")
                                    .propertyNames()
                                    .forEach(type -> assertThat(type)
                                            .as(where + " " + response.getKey())
                                            .isIn("application/json", "application/problem+json")));
                }));
        assertThat(operationIds).contains("sendMessage", "listMessages", "createGroup", "logIn");
        JsonNode send = docs.body()
                .get("paths")
                .get("/api/chats/conversations/{id}/messages")
                .get("post");
        assertThat(send.get("responses").propertyNames()).contains("201", "200");
    }

    @Test
    void servesTheAsyncApiDocumentAsYamlForTheHostItWasAskedOn() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(client().base() + "/asyncapi.yaml"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/yaml");
        assertThat(response.body()).contains("host: localhost:" + port).doesNotContain("localhost:8000");
    }

    @Test
    void servesTheAsyncApiDocumentNamingEveryFrameAndCloseCode() throws Exception {
        String document = asyncApi();
        assertThat(document).startsWith("asyncapi: 3.0.0");
        for (Class<?> frame : dev.parley.realtime.protocol.ServerFrame.class.getPermittedSubclasses()) {
            String type = frame.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeName.class)
                    .value();
            assertThat(document).as(frame.getSimpleName()).contains("const: " + type);
        }
        for (var field : dev.parley.realtime.protocol.CloseCodes.class.getFields()) {
            int code = ((org.springframework.web.socket.CloseStatus) field.get(null)).getCode();
            assertThat(document).as(field.getName()).contains(Integer.toString(code));
        }
    }

    private String asyncApi() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(client().base() + "/asyncapi.yaml"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** A frame built by its shortest public constructor with zero/null arguments, to read its {@code type}. */
    private static Object instanceOf(Class<?> frame) throws Exception {
        var constructor = java.util.Arrays.stream(frame.getConstructors())
                .min(java.util.Comparator.comparingInt(java.lang.reflect.Constructor::getParameterCount))
                .orElseThrow();
        Object[] args = java.util.Arrays.stream(constructor.getParameterTypes())
                .map(t -> t == long.class ? (Object) 0L : t == boolean.class ? (Object) false : null)
                .toArray();
        return constructor.newInstance(args);
    }

    @Test
    void servesHealthWithoutAToken() {
        Response health = client().get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
    }
}
