package dev.parley.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequencerTests {

    private final List<String> sent = new ArrayList<>();
    private final List<String> fills = new ArrayList<>();
    private final Sequencer.Filler filler = (after, gap) -> fills.add("fill>" + after + (gap ? " gap" : ""));

    private Sequencer startingAt(long start) {
        return new Sequencer(start, frame -> sent.add(frame.text()), filler);
    }

    private static void offer(Sequencer sequencer, long... seqs) {
        for (long seq : seqs) {
            sequencer.offer(seq, Outgoing.of("m" + seq));
        }
    }

    @Test
    void passesInOrderFramesAndDropsDuplicatesAndOldOnes() {
        Sequencer sequencer = startingAt(3);
        offer(sequencer, 2, 3, 4, 4, 5, 3);
        assertThat(sent).containsExactly("m4", "m5");
        assertThat(fills).isEmpty();
        assertThat(sequencer.delivered()).isEqualTo(5);
    }

    @Test
    void holdsEarlyFramesAsksOnceForTheGapAndReleasesInOrder() {
        Sequencer sequencer = startingAt(0);
        offer(sequencer, 1, 3, 5, 4);
        assertThat(sent).containsExactly("m1");
        assertThat(fills).containsExactly("fill>1 gap");
        assertThat(sequencer.gapEnd()).isEqualTo(2);
        offer(sequencer, 2); // the overtaken frame arrives (live or from the fill)
        assertThat(sent).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(sequencer.gapEnd()).as("no gap left").isEqualTo(-1);
        sequencer.fillDone();
        assertThat(fills).hasSize(1);
    }

    @Test
    void asksAgainWhenAGapRemainsAfterAFill() {
        Sequencer sequencer = startingAt(0);
        offer(sequencer, 2);
        offer(sequencer, 1); // the fill found 1; meanwhile 4 came early
        offer(sequencer, 4);
        sequencer.fillDone();
        assertThat(fills).containsExactly("fill>0 gap", "fill>2 gap");
        offer(sequencer, 3);
        assertThat(sent).containsExactly("m1", "m2", "m3", "m4");
    }

    @Test
    void catchUpAsksForEverythingAfterTheStartWithoutWaiting() {
        Sequencer sequencer = startingAt(7);
        sequencer.catchUp();
        assertThat(fills).containsExactly("fill>7");
    }

    @Test
    void resumeBeforeAnyLiveFrameReplaysFromTheClientsSeqInOrder() {
        Sequencer sequencer = startingAt(10);
        sequencer.catchUp();
        sequencer.fillDone();
        offer(sequencer, 12); // live, held: 11 missing
        assertThat(sequencer.resume(4)).isEqualTo(Sequencer.Resumed.RESUMED);
        sequencer.fillDone(); // the gap fill asked for before the resume ends; the resume's catch-up follows
        assertThat(fills).last().isEqualTo("fill>4");
        offer(sequencer, 5, 6, 7, 8, 9, 10, 11);
        offer(sequencer, 12);
        assertThat(sent).containsExactly("m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12");
    }

    @Test
    void resumeAheadOfTheSocketSkipsWhatTheClientHas() {
        Sequencer sequencer = startingAt(2);
        sequencer.resume(6);
        offer(sequencer, 3, 4, 5, 6, 7);
        assertThat(sent).containsExactly("m7");
    }

    @Test
    void resumeBehindFramesAlreadySentIsTooLateAndChangesNothing() {
        Sequencer sequencer = startingAt(5);
        offer(sequencer, 6, 7);
        assertThat(sequencer.resume(2)).isEqualTo(Sequencer.Resumed.TOO_LATE);
        assertThat(fills).isEmpty();
        assertThat(sequencer.resume(6)).as("6 and 7 are already on the wire").isEqualTo(Sequencer.Resumed.RESUMED);
        assertThat(fills).isEmpty();
        offer(sequencer, 3, 8);
        assertThat(sent).containsExactly("m6", "m7", "m8");
    }

    @Test
    void resumeAheadOfEverythingSentMovesTheCursorAndCatchesUp() {
        Sequencer sequencer = startingAt(5);
        offer(sequencer, 6);
        assertThat(sequencer.resume(9)).isEqualTo(Sequencer.Resumed.RESUMED);
        assertThat(fills).containsExactly("fill>9");
        sequencer.fillDone();
        offer(sequencer, 7, 8, 9, 10);
        assertThat(sent).containsExactly("m6", "m10");
        assertThat(sequencer.resume(3)).as("behind 6, which was sent").isEqualTo(Sequencer.Resumed.TOO_LATE);
    }

    @Test
    void answerToARepeatedClientIdIsSentOnceAndInOrder() {
        Sequencer sequencer = startingAt(5);
        assertThat(sequencer.answer(3, Outgoing.of("m3")))
                .as("older than the start, nothing sent yet")
                .isEqualTo(Sequencer.Answer.WRITTEN);
        assertThat(sequencer.answer(3, Outgoing.of("m3"))).isEqualTo(Sequencer.Answer.CARRIED);
        assertThat(sequencer.answer(7, Outgoing.of("m7")))
                .as("ahead: waits for 6")
                .isEqualTo(Sequencer.Answer.QUEUED);
        offer(sequencer, 6, 7);
        assertThat(sequencer.answer(7, Outgoing.of("m7"))).isEqualTo(Sequencer.Answer.CARRIED);
        assertThat(sequencer.answer(4, Outgoing.of("m4")))
                .as("older than the start, but 7 was sent")
                .isEqualTo(Sequencer.Answer.OUT_OF_ORDER);
        assertThat(sent).containsExactly("m3", "m6", "m7");
    }

    @Test
    void skippingSupersededPositionsReleasesWhatWasHeldBeyondThem() {
        Sequencer sequencer = startingAt(0);
        offer(sequencer, 1, 4, 6);
        assertThat(sent).containsExactly("m1");
        sequencer.skipTo(3); // 2 and 3 were superseded: 4 follows at once, 6 still waits for 5
        assertThat(sent).containsExactly("m1", "m4");
        assertThat(sequencer.gapEnd()).isEqualTo(5);
        sequencer.skipTo(2);
        offer(sequencer, 3);
        assertThat(sent).as("nothing at or below the cursor again").containsExactly("m1", "m4");
        sequencer.skipTo(5);
        assertThat(sent).containsExactly("m1", "m4", "m6");
        assertThat(sequencer.gapEnd()).isEqualTo(-1);
        assertThat(sequencer.delivered()).isEqualTo(6);
    }
}
