package dev.parley.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * With {@code parley.exit-when-ready=true}: once the application reports ready, closes it the way
 * SIGTERM does (sockets closed, embedded PostgreSQL stopped), so {@code SpringApplication.run} returns
 * and the JVM ends. The build starts Parley this way once to train the JDK AOT cache ({@code pom.xml},
 * profile {@code aot-cache}): the training sees the whole start, Jetty included, and leaves no
 * PostgreSQL behind.
 */
@Component
class ExitWhenReady implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ExitWhenReady.class);

    private final PlatformProperties properties;

    ExitWhenReady(PlatformProperties properties) {
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (properties.exitWhenReady()) {
            log.info("Ready; shutting down because parley.exit-when-ready is set");
            SpringApplication.exit(event.getApplicationContext());
        }
    }
}
