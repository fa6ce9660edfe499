package dev.parley.shared.web;

import dev.parley.shared.ErrorCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI 3.0 document at {@code /v3/api-docs}, as the wire is: snake_case property names, nullable
 * fields marked (references included), {@code metadata} a free-form object, bearer-token security,
 * {@link FromAccessToken} parameters hidden (they come from the token, not the request), and each operation's
 * error responses: its {@link Refusals} plus the shared ones, grouped by status, each naming its
 * {@code code}s. Every integration test checks its answers against it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static {
        SpringDocUtils.getConfig()
                .replaceWithSchema(
                        JsonNode.class,
                        new ObjectSchema()
                                .additionalProperties(true)
                                .nullable(true)
                                .description("Any JSON object (message metadata), or null"));
    }

    /**
     * Properties that refer to another schema and may be null, by schema (snake_case names). OpenAPI 3.0
     * ignores {@code nullable} beside a {@code $ref} (swagger drops it), and validators refuse null for
     * {@code allOf: [{$ref}]}; so each becomes a nullable copy of the schema it refers to. The contract check
     * of every test answer fails when one is missing here.
     */
    private static final Map<String, Set<String>> NULLABLE_REFERENCES = Map.of(
            "InboxView", Set.of("other_user", "last_message"),
            "ConversationDetail", Set.of("other_user"));

    /**
     * Schemas as the wire has them: snake_case property names, as {@code spring.jackson.property-naming-strategy}
     * makes Jackson 3 write them (springdoc's model resolver reads Java names through Jackson 2), then the
     * {@link #NULLABLE_REFERENCES}.
     */
    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"}) // swagger's Schema is a raw generic type
    OpenApiCustomizer wireSchemas() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            schemas.values().forEach(schema -> {
                Map<String, Schema> properties = schema.getProperties();
                if (properties != null) {
                    Map<String, Schema> renamed = new LinkedHashMap<>();
                    properties.forEach((name, property) -> renamed.put(WireNames.of(name), property));
                    schema.setProperties(renamed);
                }
                if (schema.getRequired() != null) {
                    List<String> required = schema.getRequired();
                    schema.setRequired(required.stream().map(WireNames::of).toList());
                }
            });
            NULLABLE_REFERENCES.forEach((schemaName, names) -> names.forEach(name -> {
                Map<String, Schema> properties = schemas.get(schemaName).getProperties();
                String ref = properties.get(name).get$ref();
                Schema target = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
                properties.put(
                        name,
                        new ObjectSchema()
                                .properties(target.getProperties())
                                .required(target.getRequired())
                                .description(target.getDescription())
                                .nullable(true));
            }));
        };
    }

    @Bean
    OperationCustomizer refusalResponses() {
        return (operation, handler) -> {
            Set<ErrorCode> codes = new LinkedHashSet<>();
            Refusals refusals = handler.getMethodAnnotation(Refusals.class);
            if (refusals != null) {
                codes.addAll(List.of(refusals.value()));
            }
            codes.add(ErrorCode.SERVICE_UNAVAILABLE); // every operation needs PostgreSQL
            codes.add(ErrorCode.URI_TOO_LONG); // any request line or header block may be too long for Jetty
            codes.add(ErrorCode.HEADERS_TOO_LARGE);
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.getParameterType().isAnnotationPresent(FromAccessToken.class)) {
                    codes.addAll(List.of(ErrorCode.UNAUTHENTICATED, ErrorCode.INVALID_TOKEN));
                } else if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    codes.addAll(List.of(
                            ErrorCode.INVALID_JSON,
                            ErrorCode.INVALID_TEXT,
                            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                            ErrorCode.PAYLOAD_TOO_LARGE));
                } else if (parameter.hasParameterAnnotation(RequestParam.class)) {
                    codes.addAll(List.of(ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_TEXT));
                } else if (parameter.hasParameterAnnotation(PathVariable.class)) {
                    // a segment the container refuses (NUL, an encoded slash) is invalid_request
                    codes.add(
                            parameter.getParameterType() == long.class ? ErrorCode.INVALID_ID : ErrorCode.INVALID_TEXT);
                    codes.add(ErrorCode.INVALID_REQUEST);
                }
            }
            Map<Integer, List<ErrorCode>> byStatus = new TreeMap<>();
            codes.forEach(code -> byStatus.computeIfAbsent(code.status().value(), s -> new ArrayList<>())
                    .add(code));
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            byStatus.forEach((status, listed) -> responses.addApiResponse(
                    String.valueOf(status),
                    new ApiResponse()
                            .description(listed.stream()
                                    .map(code -> "`" + code.code() + "`: " + code.message())
                                    .collect(Collectors.joining("; ")))
                            .content(new Content()
                                    .addMediaType(
                                            "application/problem+json",
                                            new MediaType()
                                                    .schema(new Schema<>()
                                                            .$ref("#/components/schemas/Problem")
                                                            .description("code: one of "
                                                                    + listed.stream()
                                                                            .map(ErrorCode::code)
                                                                            .collect(Collectors.joining(", "))))))));
            ApiResponse limited = responses.get("429");
            if (limited != null) {
                limited.addHeaderObject(
                        "Retry-After",
                        new Header()
                                .description("Seconds until the request would be accepted (rate limits)")
                                .schema(new IntegerSchema()));
            }
            operation.setResponses(responses);
            return operation;
        };
    }

    @Bean
    OpenAPI parleyOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Parley REST API")
                        .version("v1")
                        .description(
                                "Every path also answers with a trailing slash, as in seed 000. Errors are RFC 9457"
                                        + " problem details with a stable `code`."))
                .components(new Components()
                        .addSchemas(
                                "Problem",
                                new ObjectSchema()
                                        .description("RFC 9457 problem details with Parley's stable code")
                                        .addProperty("type", new StringSchema())
                                        .addProperty("title", new StringSchema())
                                        .addProperty("status", new IntegerSchema())
                                        .addProperty("detail", new StringSchema())
                                        .addProperty("instance", new StringSchema())
                                        .addProperty(
                                                "retry_after_ms",
                                                new IntegerSchema()
                                                        .description("For rate_limited: milliseconds until the"
                                                                + " request would be accepted"))
                                        .addProperty(
                                                "code",
                                                new StringSchema()
                                                        ._enum(Arrays.stream(ErrorCode.values())
                                                                .map(ErrorCode::code)
                                                                .toList())))
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT"))
                        .addSecuritySchemes(
                                "serviceKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-Parley-Service-Key")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
