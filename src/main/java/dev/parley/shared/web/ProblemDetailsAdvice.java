package dev.parley.shared.web;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.Outages;
import dev.parley.shared.ParleyException;
import dev.parley.shared.Text;
import org.eclipse.jetty.http.HttpException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Renders every REST error as RFC 9457 problem details with Parley's stable {@code code} member
 * (SPEC "REST API"): {@link ParleyException}s with their own code, Spring MVC's exceptions mapped
 * to the closest {@link ErrorCode}, anything unexpected as {@code internal_error} without internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ParleyException.class)
    ResponseEntity<ProblemDetail> parley(ParleyException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.errorCode().status());
        if (e.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, e.retryAfterHeader());
        }
        return answer.body(Problems.of(e));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        ErrorCode code = e.getName().endsWith("id") ? ErrorCode.INVALID_ID : ErrorCode.INVALID_REQUEST;
        return ResponseEntity.status(code.status())
                .body(Problems.of(code, "'" + e.getName() + "' has a wrong value: " + e.getValue()));
    }

    /** How Jetty's multipart parser reports a NUL byte in a part's headers (a file name). */
    private static final String JETTY_NUL = "invalid byte 0";

    /**
     * A multipart body the container could not read: 400 {@code invalid_text} for a file name with NUL
     * (Jetty refuses the part's headers), else {@code invalid_request}. Oversized uploads keep their own
     * 413.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e) {
        boolean badName = false;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            badName |= cause instanceof HttpException
                    && String.valueOf(cause.getMessage()).endsWith(JETTY_NUL);
        }
        ErrorCode code = badName ? ErrorCode.INVALID_TEXT : ErrorCode.INVALID_REQUEST;
        return ResponseEntity.status(code.status())
                .body(Problems.of(
                        code, badName ? "filename: " + code.message() : "The multipart body could not be read"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (Outages.isDatabaseUnavailable(e)) {
            log.debug("Database unavailable: {}", e.toString()); // platform/DatabaseCircuit logs each outage once
            return parley(Outages.unavailable());
        }
        log.error("Unexpected error", e);
        ErrorCode code = ErrorCode.INTERNAL_ERROR;
        return ResponseEntity.status(code.status()).body(Problems.of(code, code.message()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ErrorCode code;
        String detail;
        if (e.getCause() instanceof StreamConstraintsException) {
            code = ErrorCode.PAYLOAD_TOO_LARGE;
            detail = code.message();
        } else if (Text.isParserRefusal(e.getCause())) {
            code = ErrorCode.INVALID_TEXT;
            detail = code.message();
        } else if (e.getCause() instanceof StreamReadException || e.getCause() == null) {
            code = ErrorCode.INVALID_JSON;
            detail = code.message();
        } else {
            code = ErrorCode.INVALID_REQUEST;
            detail = "A field has a wrong type or value";
        }
        return ResponseEntity.status(code.status()).body(Problems.of(code, detail));
    }

    /** Adds the {@code code} member to the problem details Spring MVC builds for its own exceptions. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            problem.setProperty("code", Problems.codeFor(statusCode.value()).code());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}
