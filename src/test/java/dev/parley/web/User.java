package dev.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** One person of {@link WebClientIntegrationTests} in their own browser page, registered through it. */
final class User {

    private static final AtomicInteger USERS = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 100_000, 36);

    final String username;
    final String name;
    final Page page;
    final List<String> dialogs = new ArrayList<>();

    User(Page page, String base, String first) {
        int n = USERS.incrementAndGet();
        username = first.toLowerCase() + RUN + n;
        name = first + " " + RUN + n;
        this.page = page;
        page.setDefaultTimeout(20_000);
        page.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        page.navigate(base + "/");
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Create an account"));
        form.getByLabel("Username", new Locator.GetByLabelOptions().setExact(true))
                .fill(username);
        form.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill(name);
        form.getByLabel("Email").fill(username + "@example.com");
        form.getByLabel("Password").fill("password123");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create account"))
                .click();
        assertThat(connection()).hasText("Connected");
    }

    Locator connection() {
        return page.getByRole(AriaRole.STATUS);
    }

    Locator composer() {
        return page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
    }

    void startChatWith(User other) {
        page.getByLabel("Find people").fill(other.username);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile(other.username)))
                .click();
        assertThat(page.locator("#chat-title")).hasText(other.name);
    }

    Locator conversation(String title) {
        return page.locator(".conversation", new Page.LocatorOptions().setHasText(title));
    }

    void open(String title) {
        conversation(title).click();
        assertThat(page.locator("#chat-title")).hasText(title);
    }

    void send(String text) {
        composer().fill(text);
        composer().press("Enter");
    }

    Locator message(String body) {
        return page.locator("#messages").getByText(body, new Locator.GetByTextOptions().setExact(true));
    }

    /** The bodies of the open conversation's messages (not system ones), in the order shown. */
    Locator bodies() {
        return page.locator(".message:not(.system) .body");
    }
}
