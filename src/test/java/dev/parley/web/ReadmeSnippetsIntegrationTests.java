package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.parley.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The README's first steps run as written against a fresh server (its own empty database): the curl
 * commands in bash, then the browser-console snippet in Chromium on the node's page. Only the port changes.
 */
@EnabledIf("chromiumInstalled")
class ReadmeSnippetsIntegrationTests {

    private static BrowserNode started;

    static boolean chromiumInstalled() {
        return Chromium.installed();
    }

    @BeforeAll
    static void start() throws Exception {
        started = BrowserNode.start(new Class<?>[0], "--spring.datasource.url=" + TestDatabase.freshJdbcUrl());
    }

    @AfterAll
    static void stop() {
        if (started != null) {
            started.close();
        }
    }

    @Test
    void theCurlCommandsAndTheConsoleSnippetRunAsWritten() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String port = started.base().substring(started.base().lastIndexOf(':') + 1);
        String curl = block(readme, "Try it with curl:", "```bash").replace("localhost:8000", "localhost:" + port);
        Process bash = new ProcessBuilder("bash", "-e", "-c", curl)
                .redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        assertThat(output).contains("\"username\":\"bob\"").contains("\"body\":\"Hello, Bob!\"");

        String console = block(readme, "from a browser console", "```javascript")
                .replace("ws://localhost:8000", "ws://localhost:" + port);
        Page page = started.browser().newContext().newPage();
        List<String> logged = new CopyOnWriteArrayList<>();
        page.onConsoleMessage(message -> logged.add(message.text()));
        page.navigate(started.base() + "/");
        // as in a console, where `ws` stays a global: the page keeps the socket until it has answered
        page.evaluate("async () => {\n" + console + "\nawait new Promise((resolve) => {"
                + " ws.addEventListener('message', resolve); setTimeout(resolve, 10000); });\n}");
        assertThat(logged).anyMatch(line -> line.contains("\"type\":\"message\"") && line.contains("Test message"));
    }

    /** The first code block opened by {@code fence} after {@code marker}, without its fences. */
    private static String block(String readme, String marker, String fence) {
        int start = readme.indexOf(fence, readme.indexOf(marker)) + fence.length();
        return readme.substring(start, readme.indexOf("```", start)).strip();
    }
}
