package dev.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The web client's admin page in Chromium: an admin deactivates a member (whose open page is signed out at
 * once), reactivates them and hands them a password reset link, which sets a new password in their browser;
 * invite codes and the audit log are shown. Members see no Admin button.
 */
@EnabledIf("chromiumInstalled")
class WebClientAdminIntegrationTests {

    private static BrowserNode started;

    static boolean chromiumInstalled() {
        return Chromium.installed();
    }

    @BeforeAll
    static void start() {
        started = BrowserNode.start(new Class<?>[0]);
    }

    @AfterAll
    static void stop() {
        if (started != null) {
            started.close();
        }
    }

    private User user(String first) {
        BrowserContext context = started.browser().newContext();
        return new User(context.newPage(), started.base(), first);
    }

    @Test
    void anAdminDeactivatesReactivatesAndResetsAMembersPasswordFromTheAdminPage() {
        User admin = user("Ada");
        User carol = user("Carol");
        started.node()
                .getBean(JdbcClient.class)
                .sql("UPDATE users SET role = 'admin' WHERE username = ?")
                .param(admin.username)
                .update();
        assertThat(carol.page.locator("#admin-open")).isHidden();
        admin.page.reload();
        Page page = admin.page;
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Admin"))
                .click();
        page.getByLabel("Find accounts").fill(carol.username);
        Locator row = page.locator(".account[data-username='" + carol.username + "']");
        assertThat(row.locator(".status")).hasText("active");

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Deactivate"))
                .click();
        assertThat(row.locator(".status")).hasText("deactivated");
        // the deactivated member's open page is signed out
        assertThat(carol.page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Log in")))
                .isVisible();

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reactivate"))
                .click();
        assertThat(row.locator(".status")).hasText("active");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reset link"))
                .click();
        Locator link = page.locator("#reset-link");
        assertThat(link).containsText("#reset=");
        String url = link.textContent().replaceAll("(?s).*(http\\S+#reset=\\S+).*", "$1");

        carol.page.navigate(url);
        Locator reset = carol.page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Set a new password"));
        reset.getByLabel("New password").fill("carols-new-password");
        reset.getByRole(AriaRole.BUTTON).click();
        assertThat(carol.page.locator("#auth-error")).hasText("Your password is set. Log in with it.");
        Locator login = carol.page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Log in"));
        login.getByLabel("Username or email").fill(carol.username);
        login.getByLabel("Password").fill("carols-new-password");
        login.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Log in"))
                .click();
        assertThat(carol.connection()).hasText("Connected");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New invite code"))
                .click();
        assertThat(page.locator("#invite-code")).containsText(Pattern.compile("Invite code .*: [A-Za-z0-9_-]{43}"));
        assertThat(page.locator("#audit-log li").first()).containsText("create invite");
        assertThat(page.locator("#audit-log")).containsText("deactivate " + carol.username);
        page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "web-client-admin.png")));
    }
}
