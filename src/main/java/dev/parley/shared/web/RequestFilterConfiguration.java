package dev.parley.shared.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

/**
 * The servlet filters that run before Spring Security: every REST path answers with and without its
 * trailing slash (SPEC "Compatibility with the seeds": the seed's {@code /api/chats/conversations/} and
 * {@code /api/chats/conversations} reach the same handler, and security rules see one form), and query
 * strings are checked for undecodable or invalid text ({@link QueryTextFilter}). Before them, request bodies
 * are read whole ({@link WholeBodyFilter}).
 */
@Configuration(proxyBeanMethods = false)
class RequestFilterConfiguration {

    /** The first filter's order; the others follow it, all before the per-address limits (+10). */
    private static final int WHOLE_BODY = Ordered.HIGHEST_PRECEDENCE;

    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
        UrlHandlerFilter filter = UrlHandlerFilter.trailingSlashHandler("/api/**", "/auth/**")
                .wrapRequest()
                .build();
        FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(WHOLE_BODY + 1);
        return registration;
    }

    /** First of all, so that nothing answers before the body is read ({@link WholeBodyFilter}). */
    @Bean
    FilterRegistrationBean<WholeBodyFilter> wholeBodyFilter() {
        FilterRegistrationBean<WholeBodyFilter> registration = new FilterRegistrationBean<>(new WholeBodyFilter());
        registration.setOrder(WHOLE_BODY);
        return registration;
    }

    /** Right after the trailing-slash filter, before Spring Security and every handler. */
    @Bean
    FilterRegistrationBean<QueryTextFilter> queryTextFilter(Problems problems) {
        FilterRegistrationBean<QueryTextFilter> registration =
                new FilterRegistrationBean<>(new QueryTextFilter(problems));
        registration.setOrder(WHOLE_BODY + 2);
        return registration;
    }
}
