package dev.parley.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The seqs of one batch of sends ({@link SendBatcher}), worked out without the database: which sends may be
 * stored (their sender is a member of the conversation), how many seqs each conversation needs, and, once the
 * conversations' counters advanced by those counts, which seq each send gets. Within a conversation the sends
 * keep the batch's order (SPEC "Guarantees": seqs 1, 2, 3 … without gaps).
 *
 * @param sends the batch, in the order its senders asked
 * @param admitted for each send, whether its sender is a member (false: it is refused, and takes no seq)
 * @param counts conversation id → how many of its sends were admitted (conversations with none are absent)
 */
record SeqPlan(List<SendMessage> sends, List<Boolean> admitted, Map<Long, Integer> counts) {

    /** A position in a conversation: where one send is stored. */
    record Slot(long conversation, long seq) {}

    /** A key of a send's idempotency: the same {@code client_id} from the same sender in the same conversation. */
    private record ClientKey(long conversation, long sender, String clientId) {}

    /** Whether two sends of the batch carry the same {@code client_id} (the batch is then stored one by one). */
    static boolean repeatsClientId(List<SendMessage> sends) {
        Set<ClientKey> seen = new HashSet<>();
        for (SendMessage send : sends) {
            if (send.clientId() != null
                    && !seen.add(new ClientKey(send.conversationId(), send.senderId(), send.clientId()))) {
                return true;
            }
        }
        return false;
    }

    /** The batch's conversations, ascending (the order their rows are locked in, so batches cannot deadlock). */
    static Set<Long> conversationIds(List<SendMessage> sends) {
        Set<Long> ids = new TreeSet<>();
        sends.forEach(send -> ids.add(send.conversationId()));
        return ids;
    }

    /** The batch's senders, ascending. */
    static Set<Long> senderIds(List<SendMessage> sends) {
        Set<Long> ids = new TreeSet<>();
        sends.forEach(send -> ids.add(send.senderId()));
        return ids;
    }

    /**
     * Admits each send whose sender is among its conversation's {@code members}.
     *
     * @param members conversation id → the senders who are its members; an unknown conversation is absent
     */
    static SeqPlan admit(List<SendMessage> sends, Map<Long, Set<Long>> members) {
        List<Boolean> admitted = new ArrayList<>(sends.size());
        Map<Long, Integer> counts = new HashMap<>();
        for (SendMessage send : sends) {
            boolean member =
                    members.getOrDefault(send.conversationId(), Set.of()).contains(send.senderId());
            admitted.add(member);
            if (member) {
                counts.merge(send.conversationId(), 1, Integer::sum);
            }
        }
        return new SeqPlan(List.copyOf(sends), Collections.unmodifiableList(admitted), Map.copyOf(counts));
    }

    /**
     * Numbers the admitted sends, once each conversation's counter advanced by its {@link #counts()}.
     *
     * @param last conversation id → its counter after the advance (the batch's seqs in it end there)
     * @return for each send, in the batch's order, its slot, or null for a refused send
     * @throws IllegalArgumentException when {@code last} lacks a conversation with admitted sends
     */
    List<Slot> number(Map<Long, Long> last) {
        Map<Long, Long> next = new HashMap<>();
        counts.forEach((conversation, count) -> {
            Long end = last.get(conversation);
            if (end == null) {
                throw new IllegalArgumentException("No seqs allocated in conversation " + conversation);
            }
            next.put(conversation, end - count + 1);
        });
        List<Slot> slots = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            long conversation = sends.get(i).conversationId();
            slots.add(admitted.get(i) ? new Slot(conversation, next.merge(conversation, 1L, Long::sum) - 1) : null);
        }
        return slots;
    }
}
