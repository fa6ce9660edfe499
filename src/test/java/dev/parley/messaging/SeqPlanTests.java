package dev.parley.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a batch of sends is numbered (the part of the send batcher that needs no database). */
class SeqPlanTests {

    private static SendMessage send(long conversation, long sender, String clientId) {
        return new SendMessage(conversation, sender, "hi", null, null, clientId);
    }

    @Test
    void admittedSendsGetConsecutiveSeqsPerConversationInBatchOrderAndRefusedOnesNone() {
        List<SendMessage> batch =
                List.of(send(7, 1, null), send(3, 2, null), send(7, 9, null), send(7, 2, null), send(3, 2, null));
        SeqPlan plan = SeqPlan.admit(batch, Map.of(7L, Set.of(1L, 2L), 3L, Set.of(2L)));
        assertThat(plan.admitted()).containsExactly(true, true, false, true, true);
        assertThat(plan.counts()).isEqualTo(Map.of(7L, 2, 3L, 2));
        // the counters advanced to 12 (7: seqs 11, 12) and 5 (3: seqs 4, 5)
        assertThat(plan.number(Map.of(7L, 12L, 3L, 5L)))
                .containsExactly(
                        new SeqPlan.Slot(7, 11),
                        new SeqPlan.Slot(3, 4),
                        null,
                        new SeqPlan.Slot(7, 12),
                        new SeqPlan.Slot(3, 5));
    }

    @Test
    void anUnknownConversationAdmitsNobody() {
        SeqPlan plan = SeqPlan.admit(List.of(send(4, 1, null)), Map.of());
        assertThat(plan.admitted()).containsExactly(false);
        assertThat(plan.counts()).isEmpty();
        assertThat(plan.number(Map.of())).containsExactly((SeqPlan.Slot) null);
    }

    @Test
    void aCounterThatWasNotAdvancedIsAnError() {
        SeqPlan plan = SeqPlan.admit(List.of(send(4, 1, null)), Map.of(4L, Set.of(1L)));
        assertThatThrownBy(() -> plan.number(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientIdRepeatsOnlyForTheSameSenderAndConversation() {
        assertThat(SeqPlan.repeatsClientId(List.of(send(1, 1, "a"), send(1, 1, "a"))))
                .isTrue();
        assertThat(SeqPlan.repeatsClientId(List.of(send(1, 1, "a"), send(1, 2, "a"), send(2, 1, "a"))))
                .isFalse();
        assertThat(SeqPlan.repeatsClientId(List.of(send(1, 1, null), send(1, 1, null))))
                .isFalse();
    }

    @Test
    void rowsAreLockedInAscendingIdOrder() {
        List<SendMessage> batch = List.of(send(9, 4, null), send(2, 8, null), send(5, 1, null), send(2, 4, null));
        assertThat(SeqPlan.conversationIds(batch)).containsExactly(2L, 5L, 9L);
        assertThat(SeqPlan.senderIds(batch)).containsExactly(1L, 4L, 8L);
    }
}
