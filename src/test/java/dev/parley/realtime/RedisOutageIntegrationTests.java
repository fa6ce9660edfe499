package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.Socket;
import dev.parley.support.TestRedis;
import dev.parley.support.TwoNodeTest;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Redis stops in the middle of a burst. Local first: the node the senders use keeps storing, delivering
 * and acknowledging; the other node's sockets catch up once Redis is back; every socket, the sender's
 * own included, sees each seq once and in order.
 */
class RedisOutageIntegrationTests extends TwoNodeTest {

    private static final Logger log = LoggerFactory.getLogger(RedisOutageIntegrationTests.class);

    @Test
    void aRedisRestartDuringABurstLeavesNoSocketMissingAMessage() {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        ParleyClient.Pair pair = one.pair();
        try (Socket bobOnTwo = two.chatSocket(pair.conversation(), pair.bob().access());
                Socket aliceOnOne =
                        one.chatSocket(pair.conversation(), pair.alice().access())) {
            send(one, pair, 1, 50);
            TestRedis.restart(() -> send(one, pair, 51, 100)); // committed while Redis is down
            send(one, pair, 101, 120);
            for (Socket socket : new Socket[] {bobOnTwo, aliceOnOne}) {
                assertThat(socket.seqs(120))
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, 120).boxed().toList());
                assertThat(socket.drain()).as("no duplicate follows").isEmpty();
            }
        }
    }

    @Test
    void whileRedisIsDownSocketSendsAreAcknowledgedAndEverySocketEndsUpWithOneToNInOrder() {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        ParleyClient.Pair pair = one.pair();
        ParleyClient.Pair other = one.pair(); // a conversation no socket on node 1 follows yet
        try (Socket bobOnTwo = two.chatSocket(pair.conversation(), pair.bob().access());
                Socket aliceOnOne =
                        one.chatSocket(pair.conversation(), pair.alice().access());
                Socket bobStreamOnOne =
                        one.connect("/ws/notifications/?token=" + pair.bob().access(), null)) {
            sendOverSocket(aliceOnOne, 1, 50);
            long[] slowestAck = new long[1];
            TestRedis.restart(() -> {
                slowestAck[0] = sendOverSocket(aliceOnOne, 51, 100); // each acknowledged while Redis is down
                try (Socket opened =
                        one.chatSocket(other.conversation(), other.alice().access())) {
                    opened.sendJson(Map.of("type", "chat_message", "message", "during the outage", "client_id", "o-1"));
                    assertThat(opened.next("message")
                                    .get("message")
                                    .get("client_id")
                                    .asString())
                            .isEqualTo("o-1");
                }
            });
            long back = System.nanoTime();
            sendOverSocket(aliceOnOne, 101, 120); // sendOverSocket checks each ack: seq i, in order
            for (Socket socket : new Socket[] {bobOnTwo, bobStreamOnOne}) {
                assertThat(socket.seqs(120))
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, 120).boxed().toList());
                assertThat(socket.drain()).as("no duplicate follows").noneMatch(f -> f.has("message"));
            }
            log.info(
                    "Redis down: 50 socket sends acknowledged on node 1, slowest ack {} ms; node 2's socket had"
                            + " 1..120 in order {} ms after Redis was back",
                    slowestAck[0] / 1_000_000,
                    (System.nanoTime() - back) / 1_000_000);
        }
    }

    /**
     * Sends {@code chat_message}s with client ids and waits for each one's acknowledgement (its echo).
     *
     * @return the slowest acknowledgement, in nanoseconds
     */
    private static long sendOverSocket(Socket socket, int from, int to) {
        long slowest = 0;
        for (int i = from; i <= to; i++) {
            long sent = System.nanoTime();
            String clientId = "c-" + i;
            socket.sendJson(Map.of("type", "chat_message", "message", "m" + i, "client_id", clientId));
            JsonNode ack = socket.next("message").get("message");
            assertThat(ack.get("client_id").asString()).isEqualTo(clientId);
            assertThat(ack.get("seq").asLong()).isEqualTo(i);
            slowest = Math.max(slowest, System.nanoTime() - sent);
        }
        return slowest;
    }

    private static void send(ParleyClient client, ParleyClient.Pair pair, int from, int to) {
        for (int i = from; i <= to; i++) {
            assertThat(client.sendMessage(pair.alice(), pair.conversation(), "m" + i)
                            .status())
                    .isEqualTo(201);
        }
    }
}
