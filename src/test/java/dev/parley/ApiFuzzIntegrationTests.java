package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.parley.support.ApiContract;
import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives every operation of the served OpenAPI document with hostile values (NUL, unpaired surrogates,
 * huge and negative numbers, wrong JSON types, ids of nothing, long text) in path ids, query values and
 * every property of the JSON body, as the caller or without a token. Any 5xx, or an answer the document
 * does not list (status, content type, body shape), fails.
 */
class ApiFuzzIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One operation of the document: method, path template, its parameters and JSON body properties. */
    record Operation(
            String method,
            String path,
            List<String> pathParams,
            List<String> queryParams,
            List<String> bodyProperties) {}

    /** What one try sends. */
    record Attack(Operation operation, List<JsonNode> values, boolean authenticated) {}

    private static ConfigurableApplicationContext node;
    private static String base;
    private static String token;
    private static String username;
    private static String password;
    private static List<Operation> operations;

    @BeforeAll
    static void start() throws Exception {
        node = Nodes.start();
        ParleyClient client = Nodes.client(node);
        base = client.base();
        Pair pair = client.pair();
        client.sendMessage(pair.alice(), pair.conversation(), "a message to aim at");
        token = pair.alice().access();
        username = pair.alice().username();
        password = pair.alice().password();
        JsonNode document = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/v3/api-docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        operations = new ArrayList<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    JsonNode operation = entry.getValue();
                    List<String> pathParams = new ArrayList<>();
                    List<String> queryParams = new ArrayList<>();
                    operation
                            .path("parameters")
                            .forEach(parameter -> ("path"
                                                    .equals(parameter.get("in").asString())
                                            ? pathParams
                                            : queryParams)
                                    .add(parameter.get("name").asString()));
                    List<String> bodyProperties = new ArrayList<>();
                    JsonNode schema = operation
                            .path("requestBody")
                            .path("content")
                            .path("application/json")
                            .path("schema");
                    if (schema.has("$ref")) {
                        String ref = schema.get("$ref").asString();
                        document.get("components")
                                .get("schemas")
                                .get(ref.substring(ref.lastIndexOf('/') + 1))
                                .path("properties")
                                .propertyNames()
                                .forEach(bodyProperties::add);
                    }
                    operations.add(new Operation(
                            entry.getKey().toUpperCase(), path.getKey(), pathParams, queryParams, bodyProperties));
                }));
        assertThat(operations).hasSizeGreaterThan(25);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** 2,000 attacks drawn by QuickTheories; a failing one is shrunk to fewer, plainer values. */
    @Test
    void everyOperationAnswersHostileInputWithADocumentedRefusal() {
        qt().withExamples(2000).withShrinkCycles(50).forAll(attacks()).checkAssert(attack -> {
            try {
                attack(attack);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static void attack(Attack attack) throws IOException, InterruptedException {
        Operation operation = attack.operation();
        List<JsonNode> values = attack.values();
        int next = 0;
        String path = operation.path();
        for (String parameter : operation.pathParams()) {
            String id = encode(text(values.get(next++ % values.size())));
            path = path.replace("{" + parameter + "}", id.isEmpty() ? "_" : id); // an empty segment is another path
        }
        StringBuilder query = new StringBuilder();
        for (String parameter : operation.queryParams()) {
            query.append(query.isEmpty() ? "?" : "&")
                    .append(parameter)
                    .append('=')
                    .append(encode(text(values.get(next++ % values.size()))));
        }
        ObjectNode body = JSON.createObjectNode();
        for (String property : operation.bodyProperties()) {
            body.set(property, values.get(next++ % values.size()));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + "/" + query))
                .timeout(Duration.ofSeconds(30))
                .method(
                        operation.method(),
                        operation.bodyProperties().isEmpty()
                                        && !operation.method().equals("POST")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (attack.authenticated()) {
            request.header("Authorization", "Bearer " + token);
        }
        String sent = operation.method() + " " + path + "/" + query + " " + body;
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(sent + " got no answer", e);
        }
        if (operation.path().equals("/auth/logout") && response.statusCode() == 204) {
            token = Nodes.client(node).login(username, password).access(); // the attack ended the session
        }
        assertThat(response.statusCode()).as(sent + " → " + response.body()).isLessThan(500);
        ApiContract.check(
                base,
                operation.method(),
                path + "/" + query,
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.body());
    }

    private static Gen<Attack> attacks() {
        return Generate.pick(operations)
                .zip(
                        lists().of(hostile()).ofSizeBetween(1, 6),
                        Generate.pick(List.of(true, true, true, false)),
                        Attack::new);
    }

    /** Values no well-behaved client sends, as JSON: the path and query take their text. */
    private static Gen<JsonNode> hostile() {
        Gen<String> nasty = Generate.pick(List.of(
                "",
                " ",
                "\u0000",
                "a\u0000b",
                "\ud800",
                "x\udc00y",
                "%",
                "%00",
                "..",
                "../..",
                "1;x",
                "-1",
                "0",
                "1",
                "2",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775808",
                "1e309",
                "NaN",
                "true",
                "null",
                "{}",
                "[]",
                "<script>alert(1)</script>",
                "' OR 1=1 --",
                "😀",
                "\u202e",
                "\r\n",
                "x".repeat(20_000)));
        // hostile text half the time: it is what reaches the most code (stored, searched, parsed as ids)
        return Generate.frequency(
                org.quicktheories.api.Pair.of(
                        6, nasty.map(text -> (JsonNode) JSON.getNodeFactory().textNode(text))),
                org.quicktheories.api.Pair.of(1, longs().all().map(n ->
                        (JsonNode) JSON.getNodeFactory().numberNode(n))),
                org.quicktheories.api.Pair.of(
                        1, Generate.pick(List.of(-1.5, 1e300, 0.0)).map(d ->
                                (JsonNode) JSON.getNodeFactory().numberNode(d))),
                org.quicktheories.api.Pair.of(
                        1, Generate.constant((JsonNode) JSON.getNodeFactory().nullNode())),
                org.quicktheories.api.Pair.of(1, Generate.booleans().map(b ->
                        (JsonNode) JSON.getNodeFactory().booleanNode(b))),
                org.quicktheories.api.Pair.of(
                        1, Generate.constant((JsonNode) JSON.createObjectNode().put("\u0000", "\ud800"))),
                org.quicktheories.api.Pair.of(1, Generate.constant((JsonNode)
                        JSON.createArrayNode().add("x").add(1).addNull())));
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
