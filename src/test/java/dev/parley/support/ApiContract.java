package dev.parley.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks every answer the integration tests get from {@code /api/**} and {@code /auth/**} against the
 * OpenAPI document that node serves (Atlassian's swagger-request-validator): a status the document does not
 * list for the operation, another content type, or a body that does not fit the schema fails the test that
 * received it. Paths and methods the document does not have are left to the tests that call them.
 */
public final class ApiContract {

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private ApiContract() {}

    /** Throws {@link AssertionError} when the answer contradicts the served document. */
    public static void check(
            String base, String method, String pathAndQuery, int status, String contentType, String body) {
        String path = URI.create(pathAndQuery).getPath();
        if (!path.startsWith("/api/") && !path.startsWith("/auth/")) {
            return;
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1); // every path answers with and without the slash
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = validator(base)
                .validateResponse(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
        String errors = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .filter(message -> !message.getKey().endsWith(".path.missing")
                        && !message.getKey().endsWith(".operation.notAllowed"))
                .map(ValidationReport.Message::toString)
                .collect(Collectors.joining("\n"));
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + pathAndQuery + " answered " + status + " " + body
                    + "\nwhich the OpenAPI document does not allow:\n" + errors);
        }
    }

    private static OpenApiInteractionValidator validator(String base) {
        return VALIDATORS.computeIfAbsent(base, b -> {
            try {
                String document = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(b + "/v3/api-docs"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                return OpenApiInteractionValidator.createForInlineApiSpecification(document)
                        .build();
            } catch (Exception e) {
                throw new IllegalStateException("No OpenAPI document at " + b, e);
            }
        });
    }
}
