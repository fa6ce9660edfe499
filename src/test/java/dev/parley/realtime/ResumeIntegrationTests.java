package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code resume} over real sockets: no gap, no duplicate, in seq order. */
class ResumeIntegrationTests extends DirectConversationTest {

    @Test
    void aReconnectingClientGetsExactlyWhatItMissed() {
        try (Socket first = client.chatSocket(conversation, bob.access())) {
            client.sendMessage(alice, conversation, "one");
            client.sendMessage(alice, conversation, "two");
            assertThat(first.next("message").get("message").get("seq").asLong()).isEqualTo(1);
            assertThat(first.next("message").get("message").get("seq").asLong()).isEqualTo(2);
        }
        for (int i = 3; i <= 7; i++) {
            client.sendMessage(alice, conversation, "missed " + i);
        }
        try (Socket again = client.chatSocket(conversation, bob.access())) {
            again.sendJson(Map.of("type", "resume", "after_seq", 2));
            assertThat(again.seqs(5)).containsExactly(3L, 4L, 5L, 6L, 7L);
            client.sendMessage(alice, conversation, "live");
            assertThat(again.next("message").get("message").get("seq").asLong()).isEqualTo(8);
            assertThat(again.drain()).as("no duplicate follows").isEmpty();
        }
    }

    /**
     * The resume races live messages: it is either taken before any of them was sent (then 1..250 in
     * order), or answered with {@code resume_too_late} (then live messages go on, in order, no gap).
     * Either way no seq comes twice or after a later one.
     */
    @Test
    void resumeWhileMessagesKeepArrivingIsInOrderOrTooLateNeverBoth() throws Exception {
        sendBefore(50);
        CompletableFuture<Void> burst = burst(51, 250);
        try (Socket socket = client.chatSocket(conversation, bob.access())) {
            socket.sendJson(Map.of("type", "resume", "after_seq", 0));
            List<Long> received = new ArrayList<>();
            boolean tooLate = false;
            while (received.isEmpty() || received.getLast() < 250) {
                JsonNode frame = socket.next(f -> f.path("type").asString().matches("message|error"));
                if (frame.path("type").asString().equals("error")) {
                    assertThat(frame.get("code").asString()).isEqualTo("resume_too_late");
                    tooLate = true;
                } else {
                    received.add(frame.get("message").get("seq").asLong());
                }
            }
            burst.get();
            long first = tooLate ? received.getFirst() : 1;
            assertThat(received)
                    .as("in order, no gap, no duplicate")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(first, 250).boxed().toList());
            assertThat(socket.drain()).isEmpty();
        }
    }

    @Test
    void connectingWithAfterSeqReplaysInSeqOrderWhileMessagesKeepArriving() throws Exception {
        sendBefore(50);
        CompletableFuture<Void> burst = burst(51, 250);
        try (Socket socket =
                client.connect("/ws/chat/" + conversation + "/?token=" + bob.access() + "&after_seq=20", null)) {
            List<Long> received = socket.seqs(230);
            burst.get();
            assertThat(received)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(21, 250).boxed().toList());
            assertThat(socket.drain()).isEmpty();
        }
    }

    private void sendBefore(int count) {
        for (int i = 1; i <= count; i++) {
            client.sendMessage(alice, conversation, "before " + i);
        }
    }

    private CompletableFuture<Void> burst(int from, int to) {
        return CompletableFuture.runAsync(() -> {
            for (int i = from; i <= to; i++) {
                client.sendMessage(alice, conversation, "during " + i);
            }
        });
    }

    @Test
    void messagesCommittedWhileTheSocketConnectsAreNotLost() throws Exception {
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 100; i++) {
                client.sendMessage(alice, conversation, "m" + i);
            }
        });
        try (Socket socket = client.chatSocket(conversation, bob.access())) {
            burst.get();
            long start = socket.next("message").get("message").get("seq").asLong();
            List<Long> rest = socket.seqs((int) (100 - start));
            assertThat(rest)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(start + 1, 100).boxed().toList());
        }
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMessageTheBrokerNeverCarriedIsFilledFromPostgresql() {
        try (Socket socket = client.chatSocket(conversation, bob.access())) {
            client.sendMessage(alice, conversation, "one");
            assertThat(socket.next("message").get("message").get("seq").asLong())
                    .isEqualTo(1);
            // committed like a send, but never published: as when Redis drops a node's subscription
            jdbc.sql("""
                            WITH c AS (UPDATE conversations SET last_seq = last_seq + 1 WHERE id = :id RETURNING last_seq)
                            INSERT INTO messages (conversation_id, seq, sender_id, body)
                            SELECT :id, c.last_seq, :sender, 'lost in transit' FROM c""").param("id", conversation).param("sender", alice.id()).update();
            client.sendMessage(alice, conversation, "three");
            JsonNode second = socket.next("message").get("message");
            assertThat(second.get("seq").asLong()).isEqualTo(2);
            assertThat(second.get("body").asString()).isEqualTo("lost in transit");
            assertThat(socket.next("message").get("message").get("seq").asLong())
                    .isEqualTo(3);
            assertThat(socket.drain()).isEmpty();
        }
    }

    @Test
    void refusesAResumeWithoutAfterSeqAndABadAfterSeqParameter() {
        try (Socket socket = client.chatSocket(conversation, bob.access())) {
            socket.sendJson(Map.of("type", "resume"));
            assertThat(socket.next().get("code").asString()).isEqualTo("invalid_request");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        client.connect("/ws/chat/" + conversation + "/?token=" + bob.access() + "&after_seq=-1", null))
                .hasMessageContaining("400");
    }
}
