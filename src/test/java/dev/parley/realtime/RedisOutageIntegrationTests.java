package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.Socket;
import dev.parley.support.TestRedis;
import dev.parley.support.TwoNodeTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Redis restarts in the middle of a burst; afterwards no socket is missing a message. */
class RedisOutageIntegrationTests extends TwoNodeTest {

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
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < 120; i++) {
                    seqs.add(socket.next("message").get("message").get("seq").asLong());
                }
                assertThat(seqs)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, 120).boxed().toList());
                assertThat(socket.drain()).as("no duplicate follows").isEmpty();
            }
        }
    }

    private static void send(ParleyClient client, ParleyClient.Pair pair, int from, int to) {
        for (int i = from; i <= to; i++) {
            assertThat(client.sendMessage(pair.alice(), pair.conversation(), "m" + i)
                            .status())
                    .isEqualTo(201);
        }
    }
}
