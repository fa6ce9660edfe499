package dev.parley.shared.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

/**
 * Makes every REST path answer with and without its trailing slash (SPEC "Compatibility with the
 * seeds"): the seed's {@code /api/chats/conversations/} and {@code /api/chats/conversations} reach the
 * same handler. Registered before Spring Security so that security rules see one form.
 */
@Configuration(proxyBeanMethods = false)
class TrailingSlashConfiguration {

    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
        UrlHandlerFilter filter = UrlHandlerFilter.trailingSlashHandler("/api/**", "/auth/**")
                .wrapRequest()
                .build();
        FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
