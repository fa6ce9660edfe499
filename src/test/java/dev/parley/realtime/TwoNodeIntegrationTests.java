package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import dev.parley.support.TwoNodeTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Two Parley nodes sharing one PostgreSQL and one Redis, with a user on each. */
class TwoNodeIntegrationTests extends TwoNodeTest {

    @Test
    void usersOnDifferentNodesChatBothWaysAndSeeReadReceipts() {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        ParleyClient.Pair pair = one.pair();
        TestUser alice = pair.alice();
        TestUser bob = pair.bob();
        long conversation = pair.conversation();
        try (Socket a = one.chatSocket(conversation, alice.access())) {
            one.sendMessage(alice, conversation, "sent before bob connects");
            try (Socket b = two.chatSocket(conversation, bob.access())) {
                JsonNode receipt = a.next("messages_read");
                assertThat(receipt.get("reader").asLong()).isEqualTo(bob.id());
                assertThat(receipt.get("up_to_seq").asLong()).isEqualTo(1);

                a.sendJson(Map.of("message", "hello from node 1"));
                JsonNode atBob = b.next("message").get("message");
                assertThat(atBob.get("body").asString()).isEqualTo("hello from node 1");
                assertThat(atBob.get("seq").asLong()).isEqualTo(2);

                b.sendJson(Map.of("type", "chat_message", "message", "hello from node 2", "client_id", "n2"));
                JsonNode atAlice = a.next(
                                frame -> "message".equals(frame.path("type").asString())
                                        && frame.get("message").get("seq").asLong() == 3)
                        .get("message");
                assertThat(atAlice.get("body").asString()).isEqualTo("hello from node 2");
                assertThat(b.next(frame -> "message".equals(frame.path("type").asString())
                                        && frame.get("message").get("seq").asLong() == 3)
                                .get("message")
                                .get("client_id")
                                .asString())
                        .as("the echo crossed back to the sender's node")
                        .isEqualTo("n2");

                b.sendJson(Map.of("type", "typing_indicator", "is_typing", true));
                assertThat(a.next("typing_indicator").get("user").asLong()).isEqualTo(bob.id());

                two.sendMessage(bob, conversation, "over HTTP on node 2");
                assertThat(a.next("message").get("message").get("body").asString())
                        .isEqualTo("over HTTP on node 2");
            }
        }
    }

    @Test
    void aUserStreamOnOneNodeSeesEventsPublishedOnTheOther() {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        ParleyClient.Pair pair = one.pair();
        try (Socket stream =
                two.connect("/ws/notifications/?token=" + pair.alice().access(), null)) {
            stream.next("unread_count");
            one.sendMessage(pair.bob(), pair.conversation(), "from node 1");
            assertThat(stream.next("message").get("message").get("body").asString())
                    .isEqualTo("from node 1");
            assertThat(stream.next("unread_count").get("unread_count").asLong()).isEqualTo(1);

            ParleyClient.TestUser dave = one.newUser("dave");
            long withDave = one.directConversation(dave, pair.alice());
            one.sendMessage(dave, withDave, "a conversation newer than the stream");
            assertThat(stream.next("message").get("message").get("conversation").asLong())
                    .isEqualTo(withDave);
        }
    }

    @Test
    void presenceCrossesNodes() {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        ParleyClient.Pair pair = one.pair();
        try (Socket bobsStream =
                two.connect("/ws/notifications/?token=" + pair.bob().access(), null)) {
            bobsStream.next("unread_count");
            Socket alice = one.chatSocket(pair.conversation(), pair.alice().access());
            JsonNode online = bobsStream.next("presence");
            assertThat(online.get("user").asLong()).isEqualTo(pair.alice().id());
            assertThat(online.get("online").asBoolean()).isTrue();
            alice.close();
            assertThat(bobsStream.next("presence").get("online").asBoolean()).isFalse();
        }
    }

    @Test
    void aConversationWithSocketsOnBothNodesDeliversToEveryOne() {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        ParleyClient.Pair pair = one.pair();
        try (Socket aliceOnOne =
                        one.chatSocket(pair.conversation(), pair.alice().access());
                Socket aliceOnTwo =
                        two.chatSocket(pair.conversation(), pair.alice().access());
                Socket bobOnTwo = two.chatSocket(pair.conversation(), pair.bob().access())) {
            for (int i = 1; i <= 20; i++) {
                (i % 2 == 0 ? one : two)
                        .sendMessage(i % 2 == 0 ? pair.alice() : pair.bob(), pair.conversation(), "m" + i);
            }
            List<String> sent = java.util.stream.IntStream.rangeClosed(1, 20)
                    .mapToObj(i -> "m" + i)
                    .toList();
            for (Socket socket : new Socket[] {aliceOnOne, aliceOnTwo, bobOnTwo}) {
                List<String> received = new ArrayList<>();
                for (int i = 1; i <= 20; i++) {
                    received.add(
                            socket.next("message").get("message").get("body").asString());
                }
                assertThat(received)
                        .as("seq order on every socket, whichever node published")
                        .containsExactlyElementsOf(sent);
            }
        }
    }

    @Test
    void unreadCountsStayExactAfterSendsReadsEditsAndDeletesOnTwoNodes() {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        ParleyClient.Pair pair = one.pair();
        TestUser alice = pair.alice();
        TestUser bob = pair.bob();
        long conversation = pair.conversation();
        try (Socket bobs = two.connect("/ws/notifications/?token=" + bob.access(), null);
                Socket alices = one.chatSocket(conversation, alice.access())) {
            bobs.drain();
            List<Long> ids = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                ids.add((i % 2 == 0 ? two : one)
                        .sendMessage(alice, conversation, "m" + i)
                        .body()
                        .get("id")
                        .asLong());
            }
            awaitUnread(bobs, 5);
            two.post("/api/chats/conversations/" + conversation + "/read/", bob.access(), Map.of("up_to_seq", 2));
            awaitUnread(bobs, 3);
            one.send("DELETE", "/api/chats/messages/" + ids.get(3) + "/", alice.access(), null); // m4, unread
            awaitUnread(bobs, 2);
            assertThat(alices.next("message_deleted").get("message").get("id").asLong())
                    .as("the author's own socket on the other node hears of it too")
                    .isEqualTo(ids.get(3));
            two.send("PATCH", "/api/chats/messages/" + ids.get(4) + "/", alice.access(), "{\"body\":\"m5 edited\"}");
            one.send("DELETE", "/api/chats/messages/" + ids.get(0) + "/", alice.access(), null); // m1, read
            two.sendMessage(bob, conversation, "bob's own never counts");
            one.sendMessage(alice, conversation, "m7");
            awaitUnread(bobs, 3); // m3, m5, m7
            assertThat(one.unreadCount(bob)).isEqualTo(3);
            assertThat(two.unreadCount(bob)).isEqualTo(3);
            assertThat(one.unreadCount(alice)).as("bob's message").isEqualTo(1);
            assertThat(one.get("/api/chats/conversations/", bob.access())
                            .body()
                            .get(0)
                            .get("unread_count")
                            .asLong())
                    .isEqualTo(3);
        }
    }

    private static void awaitUnread(Socket stream, long count) {
        stream.next(frame -> "unread_count".equals(frame.path("type").asString())
                && frame.get("unread_count").asLong() == count);
    }
}
