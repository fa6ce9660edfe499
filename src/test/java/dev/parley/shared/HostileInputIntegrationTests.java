package dev.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.RawHttp;
import dev.parley.support.Socket;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Hostile text and malformed requests get a documented 4xx problem (or error frame) and store nothing:
 * NUL and lone surrogates anywhere text enters, undecodable query values and path ids, bad upload names
 * and types.
 */
class HostileInputIntegrationTests extends DirectConversationTest {

    private static final List<String> BAD_TEXT = List.of("a\\u0000b", "k-\\ud800", "k-\\udc00", "\\udfff\\ud800");

    @Test
    void nulAndLoneSurrogatesInASendAreRefusedAndNothingIsStored() {
        String messages = "/api/chats/conversations/" + conversation + "/messages/";
        for (String bad : BAD_TEXT) {
            for (String body : List.of(
                    "{\"body\":\"" + bad + "\"}",
                    "{\"body\":\"fine\",\"client_id\":\"" + bad + "\"}",
                    "{\"body\":\"fine\",\"metadata\":{\"" + bad + "\":1}}",
                    "{\"body\":\"fine\",\"metadata\":{\"k\":[\"" + bad + "\"]}}")) {
                Response refused = client.send("POST", messages, alice.access(), body);
                assertThat(refused.status()).as(body).isEqualTo(400);
                assertThat(refused.code()).as(body).isEqualTo("invalid_text");
            }
        }
        assertThat(client.lastSeq(bob, conversation)).isZero();
    }

    @Test
    void nulAndLoneSurrogatesElsewhereAreRefused() {
        String bad = "x\\u0000y";
        assertThat(client.send(
                                "POST",
                                "/api/chats/groups/",
                                alice.access(),
                                "{\"title\":\"" + bad + "\",\"member_ids\":[]}")
                        .code())
                .isEqualTo("invalid_text");
        assertThat(client.send(
                                "POST",
                                "/auth/login/",
                                null,
                                "{\"username\":\"" + bad + "\",\"password\":\"whatever1\"}")
                        .code())
                .isEqualTo("invalid_text");
        assertThat(client.send(
                                "POST",
                                "/api/chats/conversations/" + conversation + "/system-messages/",
                                null,
                                "{\"type\":\"payment\",\"body\":\"k-\\ud800\"}",
                                Map.of("X-Parley-Service-Key", SERVICE_KEY))
                        .code())
                .isEqualTo("invalid_text");
        assertThat(client.upload(alice.access(), "a\u0000b.txt", "text/plain", new byte[] {1})
                        .code())
                .isEqualTo("invalid_text");
        assertThat(client.lastSeq(bob, conversation)).isZero();
    }

    @Test
    void undecodableQueryValuesAre400ProblemDetails() {
        for (String path : List.of(
                "/api/chats/conversations/?archived=%",
                "/api/chats/search/?q=%",
                "/api/chats/conversations/" + conversation + "/messages/?before_seq=%",
                "/api/users/?search=%00",
                "/api/chats/search/?q=%E0%A4%A")) {
            RawHttp.Response response = RawHttp.get(client.base(), path, alice.access());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.headers().get("content-type")).as(path).startsWith("application/problem+json");
            assertThat(response.body()).as(path).contains("\"code\":\"");
        }
    }

    @Test
    void malformedPathIdsAreProblemDetails() {
        for (String path : List.of(
                "/api/chats/conversations/%00/",
                "/api/chats/conversations/..%2F/", "/api/chats/conversations/1;x/", "/api/chats/messages/%ZZ/")) {
            RawHttp.Response response = RawHttp.get(client.base(), path, alice.access());
            assertThat(response.status()).as(path).isBetween(400, 404);
            assertThat(response.headers().get("content-type")).as(path).startsWith("application/problem+json");
            assertThat(response.body()).as(path).contains("\"code\":\"");
        }
    }

    @Test
    void aPathJettyCannotDecodeIsAnsweredWithConnectionClose() {
        // Jetty drops the connection after answering these itself: a keep-alive client must be told
        for (String path : List.of("/api/chats/conversations/%00/", "/api/chats/messages/%ZZ/")) {
            RawHttp.Response response = RawHttp.get(client.base(), path, alice.access());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.headers().get("connection")).as(path).isEqualTo("close");
        }
    }

    @Test
    void anAnswerGivenBeforeTheBodyCouldBeReadLeavesTheConnectionUsable() throws Exception {
        byte[] body = ("{\"up_to_seq\":0,\"pad\":\"" + "x".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        URI base = URI.create(client.base());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/chats/conversations/_/read/ HTTP/1.1\r\nHost: parley\r\nAuthorization: Bearer "
                            + alice.access() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 100);
            out.flush();
            Thread.sleep(300); // the path id alone is enough to refuse the request: the rest of the body comes later
            out.write(body, 100, body.length - 100);
            out.write("GET /actuator/health HTTP/1.1\r\nHost: parley\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder answers = new StringBuilder();
            byte[] buffer = new byte[8192];
            int n;
            while (!answers.toString().contains("HTTP/1.1 200")
                    && (n = socket.getInputStream().read(buffer)) > 0) {
                answers.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            assertThat(answers.toString()).startsWith("HTTP/1.1 400").contains("HTTP/1.1 200");
        }
    }

    @Test
    void uploadTypesAreParsedStrictlyAndQuotesInNamesAreKept() {
        for (String type : List.of("image/", "image/a b", "/png", "image")) {
            Response refused = client.upload(alice.access(), "x.png", type, new byte[] {1, 2, 3});
            assertThat(refused.status()).as(type).isEqualTo(415);
        }
        for (String name : List.of("say \\\"hi\\\".txt", "a\"b.txt")) {
            Response named = client.upload(alice.access(), name, "text/plain", new byte[] {1});
            assertThat(named.status()).as(name).isIn(201, 400);
        }
        Response quoted = client.upload(alice.access(), "say \\\"hi\\\".txt", "text/plain", new byte[] {1});
        assertThat(quoted.status()).isEqualTo(201);
        var download = client.download(
                "/api/chats/attachments/" + quoted.body().get("id").asLong() + "/", alice.access());
        assertThat(download.statusCode()).isEqualTo(200);
    }

    @Test
    void badTextInASocketFrameGetsAnErrorFrameAndTheSocketStaysOpen() {
        try (Socket socket = client.chatSocket(conversation, alice.access())) {
            for (String bad : BAD_TEXT) {
                socket.send("{\"type\":\"chat_message\",\"message\":\"" + bad + "\",\"client_id\":\"c1\"}");
                JsonNode error = socket.next("error");
                assertThat(error.get("code").asString()).isEqualTo("invalid_text");
                socket.send("{\"type\":\"chat_message\",\"message\":\"ok\",\"client_id\":\"" + bad + "\"}");
                assertThat(socket.next("error").get("code").asString()).isEqualTo("invalid_text");
            }
            assertThat(socket.drain()).isEmpty();
        }
        assertThat(client.lastSeq(bob, conversation)).isZero();
    }
}
