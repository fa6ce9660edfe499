package dev.parley.shared.web;

import dev.parley.shared.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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

    /** Writes the problem for {@code errorCode} (default sentence) as the whole servlet response. */
    public void write(HttpServletResponse response, ErrorCode errorCode) throws IOException {
        write(response, errorCode, errorCode.message());
    }

    /** Writes the problem for {@code errorCode} with {@code detail} as the whole servlet response. */
    public void write(HttpServletResponse response, ErrorCode errorCode, String detail) throws IOException {
        response.setStatus(errorCode.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(toJson(errorCode, detail));
    }

    /** The problem for {@code errorCode} serialised as UTF-8 JSON bytes. */
    public byte[] toJson(ErrorCode errorCode, String detail) {
        return jsonMapper.writeValueAsBytes(of(errorCode, detail));
    }
}
