package dev.parley.shared.web;

import dev.parley.shared.ErrorCode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error}, where the servlet container forwards what no handler answered (a request Spring
 * Security's firewall rejected, such as a path with {@code ;}, or a {@code sendError} from a filter): the
 * same RFC 9457 problem details with a {@code code} as every other answer, never Boot's default error body.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:${error.path:/error}}", produces = MediaType.ALL_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = attribute instanceof Integer code && code >= 400 ? code : 500;
        ErrorCode code = Problems.codeFor(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), code.message());
        problem.setProperty("code", code.code());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
