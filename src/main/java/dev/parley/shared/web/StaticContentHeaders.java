package dev.parley.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * The web client's protection, as headers on every static file (the page, its scripts and styles), set before
 * the file is written so that no size of file goes without them: a Content-Security-Policy that loads and
 * connects to the page's own origin only ({@code connect-src 'self'} covers its {@code ws}/{@code wss}) and
 * forbids framing, {@code Referrer-Policy: no-referrer}, {@code X-Content-Type-Options: nosniff} and
 * {@code X-Frame-Options: DENY}. Files are revalidated before each use ({@code Cache-Control: no-cache},
 * {@code spring.web.resources.cache.cachecontrol.no-cache}). Swagger UI's pages get all but the policy, which
 * springdoc's page does not follow.
 */
@Configuration(proxyBeanMethods = false)
class StaticContentHeaders implements WebMvcConfigurer, HandlerInterceptor {

    /** The web client's policy: its own origin only; pictures also from blob: and data: URLs (previews). */
    static final String POLICY = "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof ResourceHttpRequestHandler) {
            if (!request.getRequestURI().startsWith("/swagger-ui")) {
                response.setHeader("Content-Security-Policy", POLICY);
            }
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "DENY");
        }
        return true;
    }
}
