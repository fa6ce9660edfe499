package dev.parley.shared.web;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds and writes RFC 9457 problem details carrying Parley's stable {@code code} member, so that
 * controllers, Spring Security's entry points and the WebSocket handshake all answer in one shape:
 * {@code {"type":"about:blank","title":…,"status":…,"detail":…,"code":…}}.
 */
@Component
public class Problems {

    private final JsonMapper jsonMapper;

    public Problems(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** A problem for {@code errorCode} with {@code detail} as its human sentence. */
    public static ProblemDetail of(ErrorCode errorCode, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(errorCode.status(), detail);
        problem.setProperty("code", errorCode.code());
        return problem;
    }

    /**
     * The problem for a refusal, with {@code retry_after_ms} when it may be retried later (the caller adds
     * the {@code Retry-After} header, as {@link #write(HttpServletResponse, ParleyException)} does).
     */
    public static ProblemDetail of(ParleyException refusal) {
        ProblemDetail problem = of(refusal.errorCode(), refusal.getMessage());
        if (refusal.retryAfter() != null) {
            problem.setProperty("retry_after_ms", refusal.retryAfterMillis());
        }
        return problem;
    }

    /** Writes the problem for {@code refusal} as the whole servlet response, with {@code Retry-After} when it has one. */
    public void write(HttpServletResponse response, ParleyException refusal) throws IOException {
        response.setStatus(refusal.errorCode().status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (refusal.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, refusal.retryAfterHeader());
        }
        response.getOutputStream().write(jsonMapper.writeValueAsBytes(of(refusal)));
    }

    /**
     * Writes the problem for {@code refusal} as the whole answer to a request that never reaches a
     * controller (a WebSocket handshake refused before the upgrade), with {@code Retry-After} when it has one.
     */
    public void write(ServerHttpResponse response, ParleyException refusal) throws IOException {
        response.setStatusCode(refusal.errorCode().status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (refusal.retryAfter() != null) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, refusal.retryAfterHeader());
        }
        response.getBody().write(jsonMapper.writeValueAsBytes(of(refusal)));
    }

    /** Writes the problem for {@code errorCode} (default sentence) as the whole servlet response. */
    public void write(HttpServletResponse response, ErrorCode errorCode) throws IOException {
        write(response, new ParleyException(errorCode));
    }

    /** The code of an answer with {@code status} that no handler gave one: the closest in the catalogue. */
    public static ErrorCode codeFor(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return switch (known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known) {
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case CONTENT_TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE;
            case UNAUTHORIZED -> ErrorCode.UNAUTHENTICATED;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case TOO_MANY_REQUESTS -> ErrorCode.RATE_LIMITED;
            case BAD_REQUEST -> ErrorCode.INVALID_REQUEST;
            case URI_TOO_LONG -> ErrorCode.URI_TOO_LONG;
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> ErrorCode.HEADERS_TOO_LARGE;
            default -> ErrorCode.INTERNAL_ERROR;
        };
    }
}
