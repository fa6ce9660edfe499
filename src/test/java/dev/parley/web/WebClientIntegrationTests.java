package dev.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.parley.realtime.socket.SocketOutage;
import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.TestUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web client at {@code /} and parley-client.js in a real Chromium (Debian's, driven by Playwright),
 * against a real node: two or three browser contexts as different users. Runs whenever Chromium is
 * installed ({@code PARLEY_CHROMIUM}, default {@code /usr/bin/chromium}); {@code .ci/run} installs it.
 */
@EnabledIf("chromiumInstalled")
class WebClientIntegrationTests {

    private static BrowserNode started;
    private static ConfigurableApplicationContext node;
    private static Browser browser;
    private static String base;
    private final List<BrowserContext> contexts = new ArrayList<>();

    static boolean chromiumInstalled() {
        return Chromium.installed();
    }

    @BeforeAll
    static void start() {
        started = BrowserNode.start(new Class<?>[] {SocketOutage.class});
        node = started.node();
        browser = started.browser();
        base = started.base();
    }

    @AfterAll
    static void stop() {
        if (started != null) {
            started.close();
        }
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
    }

    /** A new person in a browser context of their own, registered through the page. */
    private User user(String first) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1100, 700));
        contexts.add(context);
        return new User(context.newPage(), base, first);
    }

    @Test
    void aScriptOnThePageCannotConnectToAnotherHost() {
        BrowserContext context = browser.newContext();
        contexts.add(context);
        Page page = context.newPage();
        page.navigate(base + "/");
        Object outcome = page.evaluate("""
                (own) => new Promise(resolve => {
                  const violations = [];
                  document.addEventListener('securitypolicyviolation', e => violations.push(e.violatedDirective + ' ' + e.blockedURI));
                  try { new WebSocket(own + '/ws/notifications/'); } catch (e) { violations.push('own origin threw ' + e.name); }
                  try { new WebSocket('ws://127.0.0.2:9/steal'); } catch (e) { violations.push('connect-src threw ' + e.name); }
                  setTimeout(() => resolve(violations.join('; ')), 1500);
                })""", base.replace("http", "ws"));
        assertThat((String) outcome)
                .as("only the socket to another host is blocked")
                .contains("connect-src")
                .contains("127.0.0.2")
                .doesNotContain("own origin");
    }

    @Test
    void twoUsersFindEachOtherAndChatLiveWithTypingReceiptsUnreadBadgesAndEdits() {
        User alice = user("Alice");
        User bob = user("Bob");
        alice.startChatWith(bob);
        alice.send("Hi Bob!");
        Locator badge = bob.conversation(alice.name).locator(".badge");
        assertThat(badge).hasText("1");
        assertThat(bob.page).hasTitle("(1) Parley");

        bob.open(alice.name);
        assertThat(bob.message("Hi Bob!")).isVisible();
        assertThat(badge).not().isVisible();
        assertThat(bob.page).hasTitle("Parley");
        assertThat(alice.page.locator(".message.mine .receipt")).hasText("Read");

        bob.composer().pressSequentially("Hello Alice");
        assertThat(alice.page.locator("#typing")).hasText(bob.username + " is typing…");
        bob.composer().press("Shift+Enter");
        bob.composer().pressSequentially("second line");
        bob.composer().press("Enter");
        assertThat(alice.message("Hello Alice second line")).isVisible();
        assertThat(alice.page.locator(".message .body").nth(1).textContent())
                .as("Shift+Enter made a new line")
                .isEqualTo("Hello Alice\nsecond line");
        assertThat(alice.page.locator("#typing")).hasText("");

        String xss = "<img src=x onerror=alert(1)>";
        alice.send(xss);
        assertThat(bob.message(xss)).isVisible();
        assertThat(bob.page.locator("#messages img")).hasCount(0);
        assertThat(alice.page.locator("#messages img")).hasCount(0);

        Locator mine = alice.page.locator(".message.mine").first();
        mine.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit"))
                .click();
        alice.page.getByLabel("Edit message").fill("Hi Bob! (edited)");
        alice.page.getByLabel("Edit message").press("Enter");
        assertThat(bob.message("Hi Bob! (edited)")).isVisible();
        assertThat(bob.page.locator(".edited")).hasCount(1);

        Locator bobsMessage = bob.page.locator(".message.mine").first();
        bobsMessage
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("React"))
                .click();
        bobsMessage
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("React with 🎉"))
                .click();
        assertThat(alice.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("🎉 1")))
                .isVisible();

        Locator xssMessage = alice.page.locator(".message.mine").last();
        xssMessage
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete"))
                .click();
        xssMessage
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Really delete?"))
                .click();
        assertThat(bob.page.locator(".message.deleted .body")).hasText("Message deleted");

        alice.page.locator("#attach").setInputFiles(new FilePayload("sunset.png", "image/png", Pictures.gradient()));
        assertThat(bob.page.locator("img.preview-image")).isVisible();
        assertThat(bob.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download sunset.png")))
                .isVisible();

        assertThat(alice.dialogs).as("no script from a message body ran").isEmpty();
        assertThat(bob.dialogs).isEmpty();
        screenshot(alice.page);
    }

    @Test
    void aGroupOfThreeChatsAndShowsWhoReadIt() {
        User alice = user("Alice");
        User bob = user("Bob");
        User carol = user("Carol");
        alice.page
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New group"))
                .click();
        alice.page
                .getByLabel("Title", new Page.GetByLabelOptions().setExact(true))
                .fill("Trio");
        for (User member : List.of(bob, carol)) {
            alice.page.getByLabel("Add people").fill(member.username);
            alice.page
                    .locator("#group-candidates")
                    .getByRole(
                            AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile(member.username)))
                    .click();
        }
        alice.page
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create group"))
                .click();
        assertThat(alice.page.locator("#chat-title")).hasText("Trio");
        alice.send("Welcome, both of you");
        for (User member : List.of(bob, carol)) {
            member.open("Trio");
            assertThat(member.message("Welcome, both of you")).isVisible();
        }
        assertThat(alice.page.locator(".message.mine .receipt"))
                .hasText(Pattern.compile(
                        "Read by (" + bob.name + ", " + carol.name + "|" + carol.name + ", " + bob.name + ")"));
        carol.send("Thanks!");
        assertThat(alice.message("Thanks!")).isVisible();
        assertThat(bob.message("Thanks!")).isVisible();
        assertThat(bob.page.locator(".message.system").first()).containsText("created the group");
    }

    @Test
    void whileTheServerCutsTheSocketsSendsGoOverHttpAndBothEndWithTheSameHistory() {
        User alice = user("Alice");
        User bob = user("Bob");
        alice.startChatWith(bob);
        alice.send("before 1");
        bob.open(alice.name);
        assertThat(bob.message("before 1")).isVisible();

        SocketOutage outage = node.getBean(SocketOutage.class);
        outage.begin();
        try {
            assertThat(alice.connection()).hasText("Offline – sending over HTTP");
            for (int i = 1; i <= 5; i++) {
                alice.send("during " + i);
                assertThat(alice.message("during " + i)).isVisible(); // answered over HTTP: sockets are refused
            }
            bob.send("bob during");
            assertThat(bob.message("bob during")).isVisible();
        } finally {
            outage.end();
        }
        assertThat(alice.connection()).hasText("Connected");
        assertThat(bob.connection()).hasText("Connected");
        alice.send("after 1");
        List<String> expected = new ArrayList<>(List.of("before 1"));
        IntStream.rangeClosed(1, 5).forEach(i -> expected.add("during " + i));
        expected.add("bob during");
        expected.add("after 1");
        for (User user : List.of(alice, bob)) {
            assertThat(user.bodies()).hasText(expected.toArray(String[]::new)); // each once, in seq order
        }
        alice.page.reload();
        alice.open(bob.name);
        assertThat(alice.bodies()).hasText(expected.toArray(String[]::new)); // the stored history
    }

    @Test
    void olderHistoryLoadsOnScrollAndAPhoneShowsOnePaneAtATime() {
        User alice = user("Alice");
        User bob = user("Bob");
        alice.startChatWith(bob);
        ParleyClient api = Nodes.client(node);
        TestUser sender = api.login(alice.username, "password123");
        long conversation = api.directConversation(sender, api.login(bob.username, "password123"));
        for (int i = 1; i <= 60; i++) {
            api.sendMessage(sender, conversation, "n" + i);
        }
        bob.page.setViewportSize(390, 760);
        assertThat(bob.page.locator("#sidebar")).isVisible();
        assertThat(bob.page.locator("#chat")).not().isVisible();
        bob.open(alice.name);
        assertThat(bob.page.locator("#sidebar")).not().isVisible();
        assertThat(bob.bodies()).hasCount(50);
        assertThat(bob.bodies().first()).hasText("n11");
        bob.page.locator("#messages").evaluate("list => list.scrollTop = 0");
        assertThat(bob.bodies()).hasCount(60);
        assertThat(bob.bodies().first()).hasText("n1");
        bob.page
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Back to conversations"))
                .click();
        assertThat(bob.page.locator("#sidebar")).isVisible();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLibraryDedupsReplaysBacksOffWithJitterAndRefreshesAnExpiredToken() {
        User alice = user("Alice");
        Map<String, Object> result = (Map<String, Object>) alice.page.evaluate("""
                async (username) => {
                  const { ParleyClient, Cursor, backoffDelay } = await import('/parley-client.js');
                  const cursor = new Cursor(2);
                  const added = [5, 3, 4, 3, 5, 6, 2].map((seq) => cursor.add(seq));
                  const delays = [0, 3, 10].map((attempt) => [backoffDelay(attempt, () => 0), backoffDelay(attempt, () => 1)]);
                  const client = new ParleyClient();
                  await client.login(username, 'password123');
                  client.session.access = 'expired-or-garbage';
                  const me = await client.me();
                  return { added, mark: cursor.mark, delays, me: me.username, refreshed: client.session.access !== 'expired-or-garbage' };
                }""", alice.username);
        assertThat((List<Boolean>) result.get("added"))
                .as("each seq once, also when older ones come after newer ones")
                .containsExactly(true, true, true, false, false, true, false);
        assertThat(result.get("mark")).isEqualTo(6);
        assertThat((List<List<Integer>>) result.get("delays"))
                .containsExactly(List.of(250, 500), List.of(2000, 4000), List.of(7500, 15000));
        assertThat(result.get("me")).isEqualTo(alice.username);
        assertThat(result.get("refreshed")).isEqualTo(true);
    }

    private static void screenshot(Page page) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "web-client.png")));
    }
}
