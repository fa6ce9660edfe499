package dev.parley.shared.web;

import dev.parley.shared.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Errors Jetty answers itself, before any servlet runs (a path with {@code %00} or an encoded {@code /},
 * a request line or headers too long, a malformed request): problem details with a {@code code}, like
 * every other answer, instead of Jetty's HTML error page.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfiguration {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    static WebServerFactoryCustomizer<JettyServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addServerCustomizers(server -> server.setErrorHandler(new ProblemErrorHandler()));
    }

    /** The problem details for {@code status}, as Parley writes them everywhere. */
    static String problemJson(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        ErrorCode code = Problems.codeFor(status);
        return "{\"type\":\"about:blank\",\"title\":\"" + (known == null ? "Error" : known.getReasonPhrase())
                + "\",\"status\":" + status + ",\"detail\":\"" + code.message() + "\",\"code\":\"" + code.code()
                + "\"}";
    }

    /** Jetty's error handler, writing {@code application/problem+json}. */
    static final class ProblemErrorHandler extends ErrorHandler {

        /** Every method gets the problem body (Jetty's default writes one for GET, POST and HEAD only). */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(
                Request request, Response response, int status, String message, Throwable cause, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
            // Jetty drops the connection after an error it answers itself (a path it cannot decode);
            // saying so keeps a keep-alive client from sending its next request into the closing socket
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            response.write(true, ByteBuffer.wrap(problemJson(status).getBytes(StandardCharsets.UTF_8)), callback);
        }

        /** A request Jetty's HTTP parser refused (request line or headers too long, malformed). */
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
            return ByteBuffer.wrap(problemJson(status).getBytes(StandardCharsets.UTF_8));
        }
    }
}
