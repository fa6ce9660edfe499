package dev.parley.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A socket's message door against a model of the conversation: random interleavings of commits, live
 * frames (in any order, repeated or lost, as from several nodes and an at-most-once broker), fills from
 * "PostgreSQL" running whenever, resumes at any position the dispatcher lets through, answers to repeated
 * client_ids, and reconnects (a new door starting where the conversation is then). Whatever happens, the
 * socket is written each seq at most once and in increasing order, and once things settle it has been
 * written every seq after the client's last accepted position.
 */
class SequencerModelTests {

    /** One step of the run; the arguments pick a seq among those committed, or a position. */
    private record Step(int kind, int pick) {}

    /** QuickTheories generates runs of up to 80 steps and shrinks a failing one to a short example. */
    @Test
    void everySocketGetsEachSeqOnceInOrderAndNothingIsMissing() {
        qt().withExamples(2000).forAll(steps(), integers().between(0, 5)).checkAssert((steps, committedAtStart) -> {
            Model model = new Model(committedAtStart);
            for (Step step : steps) {
                model.apply(step);
            }
            model.settle();
            model.check();
        });
    }

    private static Gen<List<Step>> steps() {
        return lists().of(integers().between(0, 7).zip(integers().between(0, 40), Step::new))
                .ofSizeBetween(0, 80);
    }

    /** The conversation in PostgreSQL, one socket's door, and what the client was written. */
    private static final class Model {
        private int committed;
        private Sequencer door;
        private final Deque<long[]> fills = new ArrayDeque<>();
        private final List<Long> written = new ArrayList<>();
        /** The client's position: the socket's start, or its last accepted resume. */
        private long clientPosition;

        Model(int committedAtStart) {
            committed = committedAtStart;
            connect();
        }

        /** A new socket: the client starts where the conversation is now, with nothing written yet. */
        private void connect() {
            fills.clear();
            written.clear();
            clientPosition = committed;
            door = new Sequencer(
                    committed,
                    frame -> written.add(Long.parseLong(frame.text())),
                    (after, gap) -> fills.add(new long[] {after}));
            door.catchUp();
        }

        void apply(Step step) {
            switch (step.kind()) {
                case 0, 1 -> committed++; // a commit; its live frame may come later, twice, or never
                case 2, 3 -> {
                    if (committed > 0) { // a live frame of any committed seq, in any order
                        long seq = 1 + step.pick() % committed;
                        door.offer(seq, frame(seq));
                    }
                }
                case 4 -> runFill();
                case 5 -> {
                    long position = step.pick() % (committed + 1); // the dispatcher refuses beyond the newest
                    if (door.resume(position) == Sequencer.Resumed.RESUMED) {
                        clientPosition = position;
                    } else {
                        assertThat(written)
                                .as("too late only after a later seq was written")
                                .isNotEmpty();
                        assertThat(written.getLast()).isGreaterThan(position);
                    }
                }
                case 6 -> {
                    if (committed > 0) { // the original of a repeated client_id
                        long seq = 1 + step.pick() % committed;
                        Sequencer.Answer answer = door.answer(seq, frame(seq));
                        if (answer == Sequencer.Answer.CARRIED) {
                            assertThat(written).as("carried: already written").contains(seq);
                        }
                    }
                }
                default -> {
                    if (step.pick() % 4 == 0) {
                        connect(); // reconnect without a position: a fresh socket
                    } else {
                        runFill();
                    }
                }
            }
            assertStrictlyIncreasing();
        }

        /** Runs the oldest fill the door asked for: offers every committed seq after its position. */
        private void runFill() {
            long[] fill = fills.poll();
            if (fill == null) {
                return;
            }
            for (long seq = fill[0] + 1; seq <= committed; seq++) {
                door.offer(seq, frame(seq));
            }
            door.fillDone();
        }

        /** Lets every fill run, and one more catch-up, as a live socket eventually does. */
        void settle() {
            door.catchUp();
            for (int i = 0; i < 1000 && !fills.isEmpty(); i++) {
                runFill();
            }
            assertThat(fills).as("fills come to an end").isEmpty();
        }

        void check() {
            assertStrictlyIncreasing();
            Set<Long> expected = new LinkedHashSet<>();
            for (long seq = clientPosition + 1; seq <= committed; seq++) {
                expected.add(seq);
            }
            assertThat(written).as("every seq after the client's position").containsAll(expected);
        }

        private void assertStrictlyIncreasing() {
            for (int i = 1; i < written.size(); i++) {
                assertThat(written.get(i))
                        .as("written %s: each seq once, in order", written)
                        .isGreaterThan(written.get(i - 1));
            }
        }

        private static Outgoing frame(long seq) {
            return Outgoing.of(Long.toString(seq));
        }
    }
}
