package dev.parley.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.conversations.Position;
import dev.parley.messaging.MessageView;
import dev.parley.realtime.protocol.CloseCodes;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** Catch-up on its own: pages read through a socket's sequencers, superseded revisions, refusals and outages. */
class CatchUpTests {

    private final Sockets sockets = new Sockets();
    private final RecordingTransport transport = new RecordingTransport();
    private final List<String> reads = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        sockets.close();
    }

    /** Reads from {@code stored}, as PostgreSQL would: ascending by the counter, after the cursor, a page at a time. */
    private CatchUp.Reads from(List<MessageView> stored) {
        return (counter, conversation, user, after, limit) -> {
            reads.add(counter + ">" + after);
            List<MessageView> later = stored.stream()
                    .filter(m -> counter.position(m) > after)
                    .sorted(java.util.Comparator.comparingLong(counter::position))
                    .toList();
            return new CatchUp.Slice(later.subList(0, Math.min(limit, later.size())), later.size() > limit);
        };
    }

    private Connection.Followed follow(CatchUp catchUp) {
        return sockets.connection(transport, 1, 5L).follow(5, new Position(0, 0), catchUp);
    }

    @Test
    void readsEveryPageOfMissedMessagesInSeqOrder() {
        List<MessageView> stored = LongStream.rangeClosed(1, 250)
                .mapToObj(seq -> Sockets.message(5, seq, 0))
                .toList();
        Connection.Followed followed = follow(sockets.catchUp(from(stored)));
        followed.messages().catchUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> followed.messages().delivered() == 250);
        assertThat(reads).containsExactly("SEQ>0", "SEQ>100", "SEQ>200");
        assertThat(transport.written).hasSize(250);
        assertThat(transport.written.getFirst())
                .contains("\"type\":\"message\"")
                .contains("\"seq\":1,");
        assertThat(transport.written.getLast()).contains("\"seq\":250,");
    }

    @Test
    void revisionsBetweenTheOnesReadWereSupersededAndAreSkipped() {
        // messages 1 and 2 were edited several times: revisions 1..3 and 5 are gone, 4 and 6 remain
        List<MessageView> stored = List.of(Sockets.message(5, 1, 4), Sockets.message(5, 2, 6));
        Connection.Followed followed = follow(sockets.catchUp(from(stored)));
        followed.revisions().catchUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> followed.revisions().delivered() == 6);
        assertThat(transport.written).hasSize(2);
        assertThat(transport.written.get(0))
                .contains("\"type\":\"message_updated\"")
                .contains("\"revision\":4");
        assertThat(transport.written.get(1)).contains("\"revision\":6");
        assertThat(reads).containsExactly("REVISION>0");
    }

    @Test
    void aGapFillReadsOnlyUpToTheHeldFrame() {
        List<MessageView> stored = LongStream.rangeClosed(1, 5)
                .mapToObj(seq -> Sockets.message(5, seq, 0))
                .toList();
        Connection.Followed followed = follow(sockets.catchUp(from(stored)));
        followed.messages().offer(3, Outgoing.of("live 3")); // 1 and 2 were overtaken
        await().atMost(Duration.ofSeconds(5)).until(() -> followed.messages().delivered() == 3);
        assertThat(transport.written).hasSize(3);
        assertThat(transport.written.getLast()).isEqualTo("live 3");
        assertThat(sockets.meters.get("parley.delivery.gap.fills").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aSocketWhoseUserIsNoLongerAParticipantIsClosedWith4403() {
        Connection.Followed followed = follow(sockets.catchUp((counter, conversation, user, after, limit) -> {
            throw new ParleyException(ErrorCode.NOT_A_PARTICIPANT);
        }));
        followed.catchUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> CloseCodes.FORBIDDEN.equals(transport.closed));
    }

    @Test
    void anUnreachableDatabaseClosesTheSocketWithTryAgainLater() {
        Connection.Followed followed = follow(sockets.catchUp((counter, conversation, user, after, limit) -> {
            throw new DataAccessResourceFailureException("connection refused");
        }));
        followed.messages().catchUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> CloseCodes.TRY_AGAIN_LATER.equals(transport.closed));
    }

    @Test
    void theUserStreamDropsAConversationItsUserLeft() {
        Connection stream = sockets.connection(transport, 1, null);
        Connection.Followed followed = stream.follow(5, new Position(0, 0), sockets.catchUp((c, v, u, a, l) -> {
            throw new ParleyException(ErrorCode.NOT_A_PARTICIPANT);
        }));
        followed.messages().catchUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.followed(5) == null);
        assertThat(transport.closed).as("the stream stays open").isNull();
    }
}
