package dev.parley.shared.web;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.Text;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks query parameters before anything reads them (SPEC "Guarantees"): a query that cannot be decoded
 * (a lone {@code %}, {@code %ZZ}, bytes that are not UTF-8) is 400 {@code invalid_request}, and a name or
 * value with NUL ({@code %00}) 400 {@code invalid_text}, both as problem details.
 */
class QueryTextFilter extends OncePerRequestFilter {

    private final Problems problems;

    QueryTextFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            Map<String, String[]> parameters;
            try {
                parameters = request.getParameterMap();
            } catch (RuntimeException undecodable) {
                problems.write(
                        response,
                        new ParleyException(
                                ErrorCode.INVALID_REQUEST, "The query string is not valid percent-encoded UTF-8"));
                return;
            }
            for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
                boolean clean = Text.isClean(parameter.getKey());
                for (String value : parameter.getValue()) {
                    clean &= Text.isClean(value);
                }
                if (!clean) {
                    problems.write(
                            response,
                            new ParleyException(
                                    ErrorCode.INVALID_TEXT,
                                    parameter.getKey() + ": " + ErrorCode.INVALID_TEXT.message()));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
