package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.ParleyClient.HandshakeRefused;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.RawHttp;
import dev.parley.support.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Seed 000's documented WebSocket flows, over real sockets. */
class ChatSocketIntegrationTests extends DirectConversationTest {

    @Test
    void aLargeFrameArrivesWholeWithMultiByteCharactersAcrossTheServersReads() {
        String body = "é👋x".repeat(3_000); // 12,000 characters, 21,000 bytes of UTF-8: several reads
        try (Socket alices = client.chatSocket(conversation, alice.access());
                Socket bobs = client.chatSocket(conversation, bob.access())) {
            alices.sendJson(java.util.Map.of("message", body));
            assertThat(bobs.next("message").get("message").get("body").asString())
                    .isEqualTo(body);
        }
        assertThat(client.get("/api/chats/conversations/" + conversation + "/messages/", bob.access())
                        .body()
                        .get("results")
                        .get(0)
                        .get("body")
                        .asString())
                .isEqualTo(body);
    }

    @Test
    void aMessageSentInFragmentsIsReadWhole() {
        try (Socket alices = client.chatSocket(conversation, alice.access());
                Socket bobs = client.chatSocket(conversation, bob.access())) {
            alices.sendInParts("{\"message\": \"in ", "three ", "parts 👋\"}");
            assertThat(bobs.next("message").get("message").get("body").asString())
                    .isEqualTo("in three parts 👋");
        }
    }

    @Test
    void twoUsersChatBothWaysAndTheSenderGetsItsEcho() {
        try (Socket a = client.chatSocket(conversation, alice.access());
                Socket b = client.chatSocket(conversation, bob.access())) {
            a.sendJson(Map.of("message", "Hello, how are you?"));
            JsonNode atBob = b.next("message");
            JsonNode echo = a.next("message");
            assertThat(atBob.get("message").get("body").asString()).isEqualTo("Hello, how are you?");
            assertThat(atBob.get("message").get("sender").asLong()).isEqualTo(alice.id());
            assertThat(atBob.get("message").get("sender_name").asString()).isEqualTo(alice.username());
            assertThat(atBob.get("message").get("conversation").asLong()).isEqualTo(conversation);
            assertThat(atBob.get("message").get("is_read").asBoolean()).isFalse();
            assertThat(atBob.get("message").get("seq").asLong()).isEqualTo(1);
            assertThat(echo.get("message").get("id").asLong())
                    .isEqualTo(atBob.get("message").get("id").asLong());

            b.sendJson(Map.of("type", "chat_message", "message", "Fine!", "client_id", "b-1"));
            JsonNode reply = a.next("message").get("message");
            assertThat(reply.get("body").asString()).isEqualTo("Fine!");
            assertThat(reply.get("seq").asLong()).isEqualTo(2);
            assertThat(b.next("message").get("message").get("client_id").asString())
                    .isEqualTo("b-1");
        }
        JsonNode detail = client.get("/api/chats/conversations/" + conversation + "/", alice.access())
                .body();
        assertThat(detail.get("messages").valueStream().map(m -> m.get("body").asString()))
                .containsExactly("Hello, how are you?", "Fine!");
    }

    @Test
    void aMessageSentOverHttpReachesTheSockets() {
        try (Socket a = client.chatSocket(conversation, alice.access());
                Socket b = client.chatSocket(conversation, bob.access())) {
            long id = client.sendMessage(alice, conversation, "via http")
                    .body()
                    .get("id")
                    .asLong();
            assertThat(b.next("message").get("message").get("id").asLong()).isEqualTo(id);
            assertThat(a.next("message").get("message").get("id").asLong()).isEqualTo(id);
        }
    }

    @Test
    void connectingMarksUnreadMessagesReadAndTellsTheOthers() {
        client.sendMessage(alice, conversation, "one");
        client.sendMessage(alice, conversation, "two");
        assertThat(client.unreadCount(bob)).isEqualTo(2);
        assertThat(client.unreadCount(alice)).isZero();
        try (Socket a = client.chatSocket(conversation, alice.access());
                Socket b = client.chatSocket(conversation, bob.access())) {
            assertThat(client.unreadCount(bob)).isZero();
            JsonNode receipt = a.next("messages_read");
            assertThat(receipt.get("reader").asLong()).isEqualTo(bob.id());
            assertThat(receipt.get("up_to_seq").asLong()).isEqualTo(2);
            assertThat(receipt.get("message_ids").size()).isEqualTo(2);
            assertThat(b.drain()).as("the reader is not told of its own read").isEmpty();
            JsonNode last = client.get("/api/chats/conversations/", alice.access())
                    .body()
                    .get(0)
                    .get("last_message");
            assertThat(last.get("is_read").asBoolean()).isTrue();
        }
    }

    @Test
    void readFramesAdvanceTheCursor() {
        try (Socket b = client.chatSocket(conversation, bob.access())) {
            client.sendMessage(alice, conversation, "one");
            long second = client.sendMessage(alice, conversation, "two")
                    .body()
                    .get("id")
                    .asLong();
            assertThat(client.unreadCount(bob)).isEqualTo(2);
            b.sendJson(Map.of("type", "read", "up_to_seq", 1));
            b.drain();
            assertThat(client.unreadCount(bob)).isEqualTo(1);
            b.sendJson(Map.of("type", "mark_messages_read", "message_ids", java.util.List.of(second)));
            b.drain();
            assertThat(client.unreadCount(bob)).isZero();
        }
    }

    @Test
    void typingReachesTheOthersNeverTheTypistAndStopsWhenTheTypistVanishes() {
        try (Socket b = client.chatSocket(conversation, bob.access())) {
            Socket a = client.chatSocket(conversation, alice.access());
            a.sendJson(Map.of("type", "typing_indicator", "is_typing", true));
            JsonNode typing = b.next("typing_indicator");
            assertThat(typing.get("user").asLong()).isEqualTo(alice.id());
            assertThat(typing.get("username").asString()).isEqualTo(alice.username());
            assertThat(typing.get("conversation").asLong()).isEqualTo(conversation);
            assertThat(typing.get("is_typing").asBoolean()).isTrue();
            assertThat(a.drain()).as("never echoed to the typist").isEmpty();

            a.close(); // the typist vanishes mid-sentence
            assertThat(b.next("typing_indicator").get("is_typing").asBoolean()).isFalse();
            assertThat(client.lastSeq(bob, conversation))
                    .as("typing is never stored")
                    .isZero();
        }
    }

    @Test
    void refusesATypingFrameWithoutABoolean() {
        try (Socket a = client.chatSocket(conversation, alice.access())) {
            a.sendJson(Map.of("type", "typing_indicator", "is_typing", "yes"));
            assertThat(a.next().get("code").asString()).isEqualTo("invalid_request");
        }
    }

    @Test
    void answersPing() {
        try (Socket a = client.chatSocket(conversation, alice.access())) {
            a.sendJson(Map.of("type", "ping"));
            assertThat(a.next().get("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void refusesHandshakesWithoutAValidTokenOrMembership() {
        TestUser mallory = client.newUser("mallory");
        assertRefused("/ws/chat/" + conversation + "/", 401);
        assertRefused("/ws/chat/" + conversation + "/?token=garbage", 401);
        assertRefused("/ws/chat/" + conversation + "/?token=" + alice.refresh(), 401);
        assertRefused("/ws/chat/" + conversation + "/?token=" + mallory.access(), 403);
        assertRefused("/ws/chat/99999999/?token=" + alice.access(), 404);
        assertRefused("/ws/chat/abc/?token=" + alice.access(), 400);
        try (Socket noSlash = client.connect("/ws/chat/" + conversation + "?token=" + alice.access(), null)) {
            assertThat(noSlash.drain()).isEmpty();
        }
    }

    @Test
    void refusesForeignOriginsAndAdmitsOwnAndAllowedOnes() {
        client.sendMessage(bob, conversation, "unread until alice really connects");
        String path = "/ws/chat/" + conversation + "/?token=" + alice.access();
        assertThatThrownBy(() -> client.connect(path, "http://evil.example"))
                .isInstanceOfSatisfying(
                        HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
        RawHttp.Response refused = RawHttp.request(
                client.base(),
                "GET",
                path,
                Map.of(
                        "Origin", "http://evil.example",
                        "Upgrade", "websocket",
                        "Connection", "Upgrade",
                        "Sec-WebSocket-Version", "13",
                        "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
                null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).as("the documented problem").contains("\"code\":\"origin_not_allowed\"");
        assertThat(client.unreadCount(alice))
                .as("a refused handshake marks nothing read")
                .isEqualTo(1);
        try (Socket allowed = client.connect(path, "http://allowed.example");
                Socket own = client.connect(path, "http://localhost:" + port)) {
            assertThat(allowed.drain()).isEmpty();
            assertThat(own.drain()).isEmpty();
        }
    }

    private void assertRefused(String path, int status) {
        assertThatThrownBy(() -> client.connect(path, null))
                .as(path)
                .isInstanceOfSatisfying(
                        HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(status));
    }
}
