package dev.parley.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Debian's Chromium for the browser tests ({@code PARLEY_CHROMIUM}, default {@code /usr/bin/chromium}). */
final class Chromium {

    private static final Path EXECUTABLE =
            Path.of(System.getenv().getOrDefault("PARLEY_CHROMIUM", "/usr/bin/chromium"));

    private Chromium() {}

    static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    /** Headless, with nothing that reaches out to the network on its own (this machine has none). */
    static Browser launch(Playwright playwright) {
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(EXECUTABLE)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run")));
    }
}
