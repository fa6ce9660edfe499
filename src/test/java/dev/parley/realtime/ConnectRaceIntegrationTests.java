package dev.parley.realtime;

import static dev.parley.realtime.DeliveryPathIntegrationTests.seqOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sockets of both kinds connect while commits keep coming. Each socket must get every message whose
 * send started after the socket was open (committed after the client saw the 101), gapless and in
 * order up to a marker sent last: no commit falls between a socket's starting position and its
 * subscription.
 */
class ConnectRaceIntegrationTests extends DirectConversationTest {

    private static final Logger log = LoggerFactory.getLogger(ConnectRaceIntegrationTests.class);
    private static final int ROUNDS = 400;
    private static final int SENDERS = 4;

    @Test
    void noCommitFallsBetweenASocketsPositionAndItsSubscription() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger background = new AtomicInteger();
        Queue<long[]> sends = new ConcurrentLinkedQueue<>(); // {seq, nanoTime when its request started}
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    long started = System.nanoTime();
                    long seq = seqOf(client.sendMessage(alice, conversation, "background")
                            .body());
                    sends.add(new long[] {seq, started});
                    background.incrementAndGet();
                }
            }));
        }
        int losses = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                boolean stream = round % 2 == 0;
                try (Socket socket = stream
                        ? client.connect("/ws/notifications/?token=" + bob.access(), null)
                        : client.chatSocket(conversation, bob.access())) {
                    long open = System.nanoTime();
                    long marker = seqOf(
                            client.sendMessage(alice, conversation, "marker").body());
                    List<Long> seqs = new ArrayList<>();
                    while (seqs.isEmpty() || seqs.getLast() < marker) {
                        JsonNode frame = socket.next("message");
                        seqs.add(seqOf(frame));
                    }
                    long owed = sends.stream()
                            .filter(send -> send[1] > open && send[0] < marker)
                            .mapToLong(send -> send[0])
                            .min()
                            .orElse(marker);
                    if (seqs.getFirst() > owed) {
                        losses += (int) (seqs.getFirst() - owed);
                        log.warn(
                                "Round {} ({}): first {}, owed from {}",
                                round,
                                stream ? "stream" : "chat",
                                seqs.getFirst(),
                                owed);
                    }
                    for (int i = 1; i < seqs.size(); i++) {
                        if (seqs.get(i) != seqs.get(i - 1) + 1) {
                            losses++;
                            log.warn(
                                    "Round {} ({}): {} after {}",
                                    round,
                                    stream ? "stream" : "chat",
                                    seqs.get(i),
                                    seqs.get(i - 1));
                        }
                    }
                }
            }
        } finally {
            running.set(false);
            for (Thread sender : senders) {
                sender.join();
            }
        }
        log.info("{} connects raced {} background commits: {} losses", ROUNDS, background.get(), losses);
        assertThat(background.get()).as("commits raced the connects").isGreaterThan(2 * ROUNDS);
        assertThat(losses).isZero();
    }
}
