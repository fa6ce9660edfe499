package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every path into a socket goes through its one door (SPEC "Guarantees"): a message committed right
 * after the client saw the upgrade, the answer to a repeated {@code client_id}, and {@code resume} frames
 * at any position leave each socket with each seq once, in order, and the socket working.
 */
class DeliveryPathIntegrationTests extends DirectConversationTest {

    private Socket stream(dev.parley.support.ParleyClient.TestUser user) {
        return client.connect("/ws/notifications/?token=" + user.access(), null);
    }

    @Test
    void theStreamGetsAMessageCommittedAtOnceAfterItConnected() {
        for (int round = 0; round < 40; round++) {
            try (Socket stream = stream(bob)) {
                long seq = seqOf(client.sendMessage(alice, conversation, "right after the 101")
                        .body());
                assertThat(stream.next(frame -> seqOf(frame) == seq)).isNotNull();
                assertThat(stream.drain())
                        .as("nothing after it, round %d", round)
                        .noneMatch(frame -> "message".equals(frame.path("type").asString()));
            }
        }
        assertThat(client.unreadCount(bob)).isEqualTo(40);
    }

    /**
     * The join races the stream's connect. Whether the join was announced to the stream or found when it
     * read its conversations once open, the stream gets the group's messages gapless up to a marker sent
     * last; and when the join began after the client saw the 101, the first of them is the one that
     * announced the join.
     */
    @Test
    void aStreamConnectingWhileItsUserJoinsAGroupGetsTheAnnouncementAndWhatFollows() throws Exception {
        for (int round = 0; round < 30; round++) {
            long group = client.post(
                            "/api/chats/groups/",
                            alice.access(),
                            Map.of("title", "race " + round, "member_ids", List.of()))
                    .body()
                    .get("id")
                    .asLong();
            client.sendMessage(alice, group, "before bob");
            long[] joinStarted = new long[1];
            var joining = java.util.concurrent.CompletableFuture.runAsync(() -> {
                joinStarted[0] = System.nanoTime();
                client.post(
                        "/api/chats/conversations/" + group + "/members/", alice.access(), Map.of("user_id", bob.id()));
            });
            try (Socket stream = stream(bob)) {
                long open = System.nanoTime();
                joining.get();
                long marker = seqOf(client.sendMessage(alice, group, "marker").body());
                List<JsonNode> received = new ArrayList<>();
                while (received.isEmpty() || seqOf(received.getLast()) < marker) {
                    received.add(stream.next(frame ->
                                    frame.path("message").path("conversation").asLong() == group)
                            .get("message"));
                }
                List<Long> seqs = received.stream()
                        .map(DeliveryPathIntegrationTests::seqOf)
                        .toList();
                assertThat(seqs).as("round %d", round).containsExactlyElementsOf(range(seqs.getFirst(), marker));
                if (joinStarted[0] > open) {
                    assertThat(received.getFirst().get("type").asString())
                            .as("round %d: joined after the 101", round)
                            .isEqualTo("member_added");
                }
            }
        }
    }

    @Test
    void aRepeatedClientIdIsAcknowledgedOnceOnTheSocket() {
        try (Socket socket = client.chatSocket(conversation, alice.access())) {
            Map<String, String> send = Map.of("type", "chat_message", "message", "once", "client_id", "dup-1");
            socket.sendJson(send);
            socket.sendJson(send);
            JsonNode ack = socket.next("message").get("message");
            assertThat(ack.get("client_id").asString()).isEqualTo("dup-1");
            assertThat(socket.drain())
                    .as("no second frame of seq %s", ack.get("seq"))
                    .isEmpty();
            client.sendMessage(bob, conversation, "later");
            socket.sendJson(send);
            assertThat(seqOf(socket.next("message"))).isEqualTo(ack.get("seq").asLong() + 1);
            assertThat(socket.drain())
                    .as("the retry after a later seq is not sent again")
                    .isEmpty();
        }
    }

    @Test
    void aRetryOnANewSocketIsAcknowledgedThereOnlyWhileItCanComeInOrder() {
        Map<String, String> send = Map.of("type", "chat_message", "message", "retried", "client_id", "retry-1");
        long seq;
        try (Socket first = client.chatSocket(conversation, alice.access())) {
            first.sendJson(send);
            seq = seqOf(first.next("message"));
        }
        try (Socket second = client.chatSocket(conversation, alice.access())) {
            second.sendJson(send);
            JsonNode ack = second.next("message").get("message");
            assertThat(ack.get("seq").asLong()).isEqualTo(seq);
            assertThat(ack.get("client_id").asString()).isEqualTo("retry-1");
        }
        try (Socket third = client.chatSocket(conversation, alice.access())) {
            client.sendMessage(bob, conversation, "newer");
            assertThat(seqOf(third.next("message"))).isEqualTo(seq + 1);
            third.sendJson(send);
            JsonNode refusal = third.next("error");
            assertThat(refusal.get("code").asString()).isEqualTo("already_stored");
            assertThat(refusal.get("client_id").asString()).isEqualTo("retry-1");
        }
        assertThat(client.lastSeq(alice, conversation)).as("stored once").isEqualTo(seq + 1);
    }

    @Test
    void aResumeBehindLiveFramesIsTooLateAndNothingOlderFollowsThem() {
        send(1, 10);
        try (Socket socket = client.chatSocket(conversation, bob.access())) {
            send(11, 17);
            assertThat(socket.seqs(7)).containsExactlyElementsOf(range(11, 17));
            socket.sendJson(Map.of("type", "resume", "after_seq", 2));
            assertThat(socket.next("error").get("code").asString()).isEqualTo("resume_too_late");
            send(18, 26);
            assertThat(socket.seqs(9)).containsExactlyElementsOf(range(18, 26));
            assertThat(socket.drain()).isEmpty();
        }
    }

    /**
     * The replay comes first and live frames follow it. The test waits for the first replayed frame before
     * sending more: a message sent over HTTP right after the resume frame may reach the socket before the
     * server has read that frame, and then the resume is rightly {@code resume_too_late} (the socket already
     * sent a later seq), which a test of that race would see in about one run in fifteen.
     */
    @Test
    void aResumeBeforeLiveFramesReplaysInOrderBeforeThem() {
        send(1, 10);
        try (Socket socket = client.chatSocket(conversation, bob.access())) {
            socket.sendJson(Map.of("type", "resume", "after_seq", 2));
            assertThat(socket.seqs(1)).containsExactly(3L);
            send(11, 12);
            assertThat(socket.seqs(9)).containsExactlyElementsOf(range(4, 12));
            assertThat(socket.drain()).isEmpty();
        }
    }

    @Test
    void aResumeBeyondTheNewestIsRefusedAndTheSocketKeepsWorking() {
        send(1, 3);
        try (Socket socket = client.chatSocket(conversation, bob.access())) {
            socket.sendJson(Map.of("type", "resume", "after_seq", Long.MAX_VALUE));
            assertThat(socket.next("error").get("code").asString()).isEqualTo("position_out_of_range");
            socket.sendJson(Map.of("type", "resume", "after_seq", 1, "after_revision", Long.MAX_VALUE));
            assertThat(socket.next("error").get("code").asString()).isEqualTo("position_out_of_range");
            send(4, 4);
            assertThat(seqOf(socket.next("message"))).isEqualTo(4);
            socket.sendJson(Map.of("type", "resume", "after_seq", 4));
            send(5, 5);
            assertThat(seqOf(socket.next("message"))).isEqualTo(5);
        }
        try (Socket stream = stream(bob)) {
            stream.sendJson(Map.of("type", "resume", "after_seq", Map.of(Long.toString(conversation), Long.MAX_VALUE)));
            JsonNode refusal = stream.next("error");
            assertThat(refusal.get("code").asString()).isEqualTo("position_out_of_range");
            assertThat(refusal.get("error").asString()).contains(Long.toString(conversation));
            stream.sendJson(Map.of("type", "resume", "after_seq", Map.of(Long.toString(conversation), 0)));
            assertThat(stream.seqs(5)).containsExactlyElementsOf(range(1, 5));
            send(6, 6);
            assertThat(seqOf(stream.next("message"))).isEqualTo(6);
        }
    }

    @Test
    void readReceiptsNamingNoMessageOfTheConversationAreRefused() {
        send(1, 1);
        try (Socket socket = client.chatSocket(conversation, bob.access())) {
            socket.sendJson(Map.of("type", "read", "message_ids", List.of(-1)));
            assertThat(socket.next("error").get("code").asString()).isEqualTo("invalid_id");
            socket.sendJson(Map.of("type", "read", "message_ids", List.of(0)));
            assertThat(socket.next("error").get("code").asString()).isEqualTo("invalid_id");
            socket.sendJson(Map.of("type", "read", "message_ids", List.of(Long.MAX_VALUE)));
            assertThat(socket.next("error").get("code").asString()).isEqualTo("not_found");
            socket.sendJson(Map.of("type", "read", "up_to_seq", -1));
            assertThat(socket.next("error").get("code").asString()).isEqualTo("invalid_request");
        }
        var refused = client.post(
                "/api/chats/conversations/" + conversation + "/read/", bob.access(), Map.of("message_ids", List.of(0)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("invalid_id");
    }

    private void send(int from, int to) {
        for (int i = from; i <= to; i++) {
            assertThat(client.sendMessage(alice, conversation, "m" + i).status())
                    .isEqualTo(201);
        }
    }

    static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    /** The seq of a message frame or a message view; -1 for other frames. */
    static long seqOf(JsonNode frameOrMessage) {
        JsonNode message =
                frameOrMessage.has("message") && frameOrMessage.get("message").isObject()
                        ? frameOrMessage.get("message")
                        : frameOrMessage;
        return message.path("seq").asLong(-1);
    }
}
