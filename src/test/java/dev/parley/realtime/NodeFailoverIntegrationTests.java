package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.Socket;
import dev.parley.support.TwoNodeTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A node stops (graceful shutdown, as on SIGTERM) in the middle of a burst of 1,000 messages: its
 * sockets are closed with 1001, clients reconnect to the other node and resume, senders retry unacknowledged
 * sends there with the same {@code client_id}. Every message arrives exactly once, in seq order.
 */
class NodeFailoverIntegrationTests extends TwoNodeTest {

    private static final int BURST = 1_000;

    @Test
    void clientsOfAStoppedNodeResumeElsewhereAndEndWithEveryMessageOnceInOrder() throws Exception {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        ParleyClient.Pair pair = one.pair();
        long conversation = pair.conversation();
        Socket bobOnOne = one.chatSocket(conversation, pair.bob().access());

        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            ParleyClient target = one;
            for (int i = 1; i <= BURST; i++) {
                if (i == BURST / 3) {
                    CompletableFuture.runAsync(node1::close); // SIGTERM in the middle of the burst
                }
                Map<String, Object> send = Map.of("body", "m" + i, "client_id", "c" + i);
                while (true) {
                    Response sent = trySend(target, pair, conversation, send);
                    if (sent != null && (sent.status() == 201 || sent.status() == 200)) {
                        break;
                    }
                    target = two; // node 1 is going away: retry the same client_id on node 2
                }
            }
        });

        List<Long> seqs = new ArrayList<>();
        JsonNode frame;
        while ((frame = bobOnOne.nextOrClosed()) != null) {
            if ("message".equals(frame.path("type").asString())) {
                seqs.add(frame.get("message").get("seq").asLong());
            }
        }
        assertThat(bobOnOne.awaitClose()).as("closed with 1001 going away").isEqualTo(1001);
        long lastSeen = seqs.isEmpty() ? 0 : seqs.getLast();
        try (Socket bobOnTwo = two.connect(
                "/ws/chat/" + conversation + "/?token=" + pair.bob().access() + "&after_seq=" + lastSeen, null)) {
            while (seqs.size() < BURST) {
                seqs.add(bobOnTwo.next("message").get("message").get("seq").asLong());
            }
            burst.get();
            assertThat(bobOnTwo.drain()).as("no duplicate follows").isEmpty();
        }
        assertThat(seqs)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, BURST).boxed().toList());
        assertThat(two.lastSeq(pair.alice(), conversation))
                .as("each client_id stored once")
                .isEqualTo(BURST);
    }

    private static Response trySend(
            ParleyClient target, ParleyClient.Pair pair, long conversation, Map<String, Object> send) {
        try {
            return target.post(
                    "/api/chats/conversations/" + conversation + "/messages/",
                    pair.alice().access(),
                    send);
        } catch (IllegalStateException connectionLost) {
            return null;
        }
    }
}
