package dev.parley.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Logs one line when Parley is ready, with the address to open: {@code Parley is ready: http://localhost:<port>/}
 * (the port the server listens on, {@code server.port} or the one picked for 0).
 */
@Component
class ReadyAnnouncement implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ReadyAnnouncement.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            log.info("Parley is ready: {}", url(web.getWebServer().getPort()));
        }
    }

    /** The address of a server on {@code port} of this machine. */
    static String url(int port) {
        return "http://localhost:" + port + "/";
    }
}
