package dev.parley.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import dev.parley.support.Nodes;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A Parley node and a headless Chromium to drive it, started together and closed together. */
record BrowserNode(ConfigurableApplicationContext node, Playwright playwright, Browser browser)
        implements AutoCloseable {

    /** A node ({@link Nodes#start(Class[], String...)}) and Debian's Chromium. */
    static BrowserNode start(Class<?>[] extraSources, String... extraArgs) {
        ConfigurableApplicationContext node = Nodes.start(extraSources, extraArgs);
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        return new BrowserNode(node, playwright, Chromium.launch(playwright));
    }

    /** The node's base URL, {@code http://localhost:<port>}. */
    String base() {
        return "http://localhost:"
                + ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
        node.close();
    }
}
