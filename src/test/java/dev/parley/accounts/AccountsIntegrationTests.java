package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.support.IntegrationTest;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountsIntegrationTests extends IntegrationTest {

    @Test
    void registersAndLogsInByUsernameOrEmail() {
        ParleyClient client = client();
        Response registered = client.post(
                "/auth/register/",
                null,
                Map.of("username", "ada", "email", "ada@example.com", "password", "analytical", "name", "Ada L"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.body().get("username").asString()).isEqualTo("ada");
        assertThat(registered.body().get("name").asString()).isEqualTo("Ada L");
        assertThat(registered.body().has("password")).isFalse();

        Response byEmail =
                client.post("/auth/login", null, Map.of("email", "ADA@example.com", "password", "analytical"));
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(byEmail.body().get("user").get("id").asLong())
                .isEqualTo(registered.body().get("id").asLong());
        Response me = client.get("/api/users/me/", byEmail.body().get("access").asString());
        assertThat(me.body().get("email").asString()).isEqualTo("ada@example.com");
    }

    @Test
    void refusesDuplicateUsernameAndWrongPassword() {
        ParleyClient client = client();
        TestUser user = client.newUser("dup");
        Response again = client.post(
                "/auth/register/",
                null,
                Map.of(
                        "username",
                        user.username().toUpperCase(),
                        "email",
                        "other@example.com",
                        "password",
                        "12345678"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("username_taken");

        Response wrong = client.post("/auth/login/", null, Map.of("username", user.username(), "password", "nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("invalid_credentials");

        Response weak = client.post(
                "/auth/register/", null, Map.of("username", "weakling", "email", "w@example.com", "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.code()).isEqualTo("password_too_short");
        Response huge = client.post(
                "/auth/register/",
                null,
                Map.of("username", "verbose", "email", "v@example.com", "password", "x".repeat(20_000)));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.code()).isEqualTo("password_too_long");
        Response multibyte = client.post(
                "/auth/register/",
                null,
                Map.of("username", "accents", "email", "a@example.com", "password", "é".repeat(37)));
        assertThat(multibyte.code()).as("74 bytes in 37 characters").isEqualTo("password_too_long");
        assertThat(client.post(
                                "/auth/register/",
                                null,
                                Map.of("username", "accents", "email", "a@example.com", "password", "é".repeat(36)))
                        .status())
                .as("72 bytes")
                .isEqualTo(201);
    }

    @Test
    void rotatesRefreshTokensAndRefusesAUsedOne() {
        ParleyClient client = client();
        TestUser user = client.newUser("rot");
        Response first = client.post("/auth/refresh/", null, Map.of("refresh", user.refresh()));
        assertThat(first.status()).isEqualTo(200);
        String rotated = first.body().get("refresh").asString();
        assertThat(rotated).isNotEqualTo(user.refresh());
        assertThat(client.get("/api/users/me/", first.body().get("access").asString())
                        .status())
                .isEqualTo(200);

        Response reused = client.post("/auth/refresh/", null, Map.of("refresh", user.refresh()));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.code()).isEqualTo("invalid_refresh_token");
        assertThat(client.post("/auth/refresh/", null, Map.of("refresh", rotated))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void logoutSpendsTheRefreshToken() {
        ParleyClient client = client();
        TestUser user = client.newUser("out");
        assertThat(client.post("/auth/logout/", user.access(), Map.of("refresh", user.refresh()))
                        .status())
                .isEqualTo(204);
        assertThat(client.post("/auth/refresh/", null, Map.of("refresh", user.refresh()))
                        .code())
                .isEqualTo("invalid_refresh_token");
    }

    @Test
    void logoutWithAnotherUsersRefreshTokenLeavesItUsable() {
        ParleyClient client = client();
        TestUser caller = client.newUser("caller");
        TestUser victim = client.newUser("victim");
        Response refused = client.post("/auth/logout/", caller.access(), Map.of("refresh", victim.refresh()));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("invalid_refresh_token");
        assertThat(client.post("/auth/refresh/", null, Map.of("refresh", victim.refresh()))
                        .status())
                .as("the victim's token was not spent")
                .isEqualTo(200);
    }

    @Test
    void refusesMissingForgedExpiredAndRefreshTokensAsAccessTokens() throws Exception {
        ParleyClient client = client();
        TestUser user = client.newUser("tok");
        Response none = client.get("/api/users/me/", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("unauthenticated");

        assertThat(client.get("/api/users/me/", user.refresh()).code()).isEqualTo("invalid_token");
        assertThat(client.get("/api/users/me/", "not.a.jwt").code()).isEqualTo("invalid_token");
        String expired = sign(JWT_SECRET, user.id(), Instant.now().minusSeconds(3600), "access");
        assertThat(client.get("/api/users/me/", expired).code()).isEqualTo("invalid_token");
        String justExpired = sign(JWT_SECRET, user.id(), Instant.now().minusSeconds(10), "access");
        assertThat(client.get("/api/users/me/", justExpired).code())
                .as("10 s past expiry: beyond the 5 s clock skew")
                .isEqualTo("invalid_token");
        String forged = sign(
                "another-secret-another-secret-another-secret!!",
                user.id(),
                Instant.now().plusSeconds(600),
                "access");
        assertThat(client.get("/api/users/me/", forged).status()).isEqualTo(401);
        String refreshTyped = sign(JWT_SECRET, user.id(), Instant.now().plusSeconds(600), "refresh");
        assertThat(client.get("/api/users/me/", refreshTyped).status()).isEqualTo(401);
        String valid = sign(JWT_SECRET, user.id(), Instant.now().plusSeconds(600), "access");
        assertThat(client.get("/api/users/me/", valid).status()).isEqualTo(200);
    }

    @Test
    void searchesOtherUsersByUsernameOrName() {
        ParleyClient client = client();
        TestUser caller = client.newUser("searcher");
        TestUser target = client.newUser("zebrafinch");
        Response hits = client.get("/api/users/?search=ebrafin", caller.access());
        assertThat(hits.status()).isEqualTo(200);
        assertThat(hits.body().valueStream().map(h -> h.get("id").asLong())).containsExactly(target.id());
        assertThat(client.get("/api/users/?search=" + caller.username(), caller.access())
                        .body()
                        .isEmpty())
                .isTrue();
    }

    /** An HS256 token with the given secret, subject, expiry and token type. */
    static String sign(String secret, long userId, Instant expiresAt, String type) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(Long.toString(userId))
                .issueTime(Date.from(expiresAt.minusSeconds(900)))
                .expirationTime(Date.from(expiresAt))
                .claim("token_type", type)
                .claim("username", "whoever")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
