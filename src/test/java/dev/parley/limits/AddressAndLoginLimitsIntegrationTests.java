package dev.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Pair;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.RawHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Limits per client address and per username: login, register, refresh and handshakes, before they are checked. */
class AddressAndLoginLimitsIntegrationTests extends RateLimitedNodesTest {

    @Test
    void failedLoginsSlowDownPerUsernameAndAnUnknownUserLooksTheSame() {
        ParleyClient http = client(node1);
        TestUser user = http.newUser("guessed");
        Map<String, String> wrong = Map.of("username", user.username(), "password", "wrong-password");
        Map<String, String> unknown = Map.of("username", "nobody-" + user.username(), "password", "wrong-password");
        for (int i = 0; i < 3; i++) {
            Response wrongAnswer = http.post("/auth/login/", null, wrong);
            Response unknownAnswer = http.post("/auth/login/", null, unknown);
            assertThat(wrongAnswer.status()).isEqualTo(401);
            assertThat(unknownAnswer.body())
                    .as("an unknown user gets the very answer of a wrong password")
                    .isEqualTo(wrongAnswer.body());
        }
        Response right = client(node2)
                .post("/auth/login/", null, Map.of("username", user.username(), "password", user.password()));
        assertThat(right.status())
                .as("after three failures even the right password waits, on every node")
                .isEqualTo(429);
        assertThat(right.header("Retry-After")).isNotNull();
        assertThat(http.post("/auth/login/", null, unknown).status()).isEqualTo(429);
    }

    @Test
    void successfulLoginsDoNotCountAgainstTheUsername() {
        ParleyClient http = client(node1);
        TestUser user = http.newUser("often");
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/auth/login/", null, Map.of("username", user.username(), "password", user.password()))
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void loginsFromOneAddressAreLimitedBeforeTheyAreChecked() {
        ParleyClient http = client(node1);
        for (int i = 0; i < 12; i++) {
            assertThat(http.post("/auth/login/", null, Map.of("username", "spray-" + i, "password", "whatever-1"))
                            .status())
                    .isEqualTo(401);
        }
        Response refused = http.post("/auth/login/", null, Map.of("username", "spray-x", "password", "whatever-1"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(client(node1)
                        .post("/auth/login/", null, Map.of("username", "spray-x", "password", "whatever-1"))
                        .status())
                .as("another address is not limited")
                .isEqualTo(401);
    }

    @Test
    void registrationsAndRefreshesFromOneAddressAreLimited() {
        ParleyClient http = client(node1);
        TestUser user = http.newUser("reg");
        http.newUser("reg");
        http.newUser("reg");
        Response fourth = http.post(
                "/auth/register/",
                null,
                Map.of("username", "reg-fourth-" + user.id(), "email", "", "password", "long-enough-1"));
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.header("Retry-After")).isNotNull();

        Response first = http.post("/auth/refresh/", null, Map.of("refresh", user.refresh()));
        assertThat(first.status()).isEqualTo(200);
        assertThat(http.post("/auth/refresh/", null, Map.of("refresh", "not-a-token"))
                        .code())
                .isEqualTo("invalid_refresh_token");
        Response third = http.post(
                "/auth/refresh/",
                null,
                Map.of("refresh", first.body().get("refresh").asString()));
        assertThat(third.code()).isEqualTo("rate_limited");
        assertThat(client(node1)
                        .post(
                                "/auth/refresh/",
                                null,
                                Map.of("refresh", first.body().get("refresh").asString()))
                        .status())
                .as("the refused refresh spent nothing")
                .isEqualTo(200);
    }

    /**
     * Once a path's limit is spent, no other spelling of it gets through: percent-encoded letters, doubled
     * slashes, dot segments, path parameters or other letter case (the router takes some of them, and the limit
     * must not depend on which). Jetty itself refuses a doubled slash (400 without an {@code instance}), before
     * any filter; every other spelling must meet the limit.
     */
    @Test
    void everySpellingOfALimitedPathCountsAgainstItsLimit() {
        Map<String, List<String>> spellings = Map.of(
                "/auth/login/",
                List.of(
                        "/auth/%6cogin/",
                        "/auth/%6C%6Fgin",
                        "/auth//login/",
                        "//auth/login",
                        "/AUTH/Login/",
                        "/auth/./login/",
                        "/auth/x/../login",
                        "/auth/login;a=b/"),
                "/auth/password-reset/",
                List.of("/auth/p%61ssword-reset/", "/auth//password-reset", "/Auth/Password-Reset/"),
                "/auth/register/",
                List.of("/auth/%72egister/", "/auth//register/", "/auth/REGISTER"),
                "/auth/refresh/",
                List.of("/auth/%72efresh/", "//auth//refresh//", "/auth/Refresh/"));
        spellings.forEach((path, variants) -> {
            String address = address();
            String base = Nodes.client(node1).base();
            Map<String, String> from = Map.of("X-Forwarded-For", address);
            // a new username each time: only the address's limit applies, never the username's
            java.util.function.IntFunction<String> body = i -> "{\"username\":\"nobody-" + i + "-" + address
                    + "\",\"password\":\"whatever-1\",\"refresh\":\"x\",\"token\":\"x\"}";
            int status = 0;
            for (int i = 0; i < 30 && status != 429; i++) {
                status =
                        RawHttp.request(base, "POST", path, from, body.apply(i)).status();
            }
            assertThat(status).as(path + " is limited").isEqualTo(429);
            for (String variant : variants) {
                assertLimited(
                        RawHttp.request(base, "POST", variant, from, body.apply(variant.hashCode())),
                        "POST " + variant);
            }
        });
        String address = address();
        ParleyClient http = Nodes.client(node1).from(address);
        TestUser user = http.newUser("spelled");
        Map<String, String> upgrade = Map.of(
                "X-Forwarded-For", address,
                "Upgrade", "websocket",
                "Connection", "Upgrade",
                "Sec-WebSocket-Version", "13",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            status = RawHttp.request(http.base(), "GET", "/ws/notifications/?token=" + user.access(), upgrade, null)
                    .status();
        }
        assertThat(status).isEqualTo(429);
        for (String variant : List.of("/%77s/notifications/", "//ws/notifications/", "/WS/notifications/")) {
            assertLimited(
                    RawHttp.request(http.base(), "GET", variant + "?token=" + user.access(), upgrade, null),
                    "upgrade at " + variant);
        }
    }

    private static void assertLimited(RawHttp.Response answer, String request) {
        boolean refusedByJetty = answer.status() == 400 && !answer.body().contains("\"instance\"");
        assertThat(answer.status() == 429 || refusedByJetty)
                .as(request + " after the limit was spent: " + answer.status() + " " + answer.body())
                .isTrue();
    }

    @Test
    void handshakesFromOneAddressAreLimitedBeforeTheUpgrade() {
        String address = address();
        ParleyClient http = Nodes.client(node1).from(address);
        Pair pair = http.pair();
        for (int i = 0; i < 3; i++) {
            http.chatSocket(pair.conversation(), pair.alice().access()).close();
        }
        ParleyClient same = Nodes.client(node2).from(address);
        assertThatThrownBy(
                        () -> same.chatSocket(pair.conversation(), pair.alice().access()))
                .isInstanceOfSatisfying(
                        ParleyClient.HandshakeRefused.class,
                        refused -> assertThat(refused.status())
                                .as("the fourth handshake from the address, on the other node")
                                .isEqualTo(429));
    }
}
