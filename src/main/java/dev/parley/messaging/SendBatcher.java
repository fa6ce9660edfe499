package dev.parley.messaging;

import dev.parley.conversations.ConversationService;
import dev.parley.messaging.MessageRepository.NewMessage;
import dev.parley.messaging.MessageService.Sent;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.Outages;
import dev.parley.shared.ParleyException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for sends: concurrent sends are stored together, in one transaction (lock the
 * conversations' rows in id order, check membership, allocate a seq range per conversation, one
 * multi-row insert, one commit), so many messages share one WAL flush and one conversation's senders no
 * longer queue on its row lock one commit at a time. A batch is whatever waited while the previous one
 * committed (at most {@value #MAX_BATCH}), so an idle server adds no delay. Each send is answered only
 * after its batch committed (SPEC "Guarantees"). A batch that hits a repeated {@code client_id} rolls
 * back and its sends are stored one by one, which answers the original message; a batch that meets an unreachable
 * PostgreSQL answers all its sends with that failure at once (503 to clients), and while PostgreSQL is known to be
 * unreachable every batch fails at its first connection, without waiting ({@code platform/DatabaseCircuit}).
 *
 * <p>Conversations are split between {@value #WRITERS} writers by id, each with its own queue: two batches
 * never lock the same conversation row, so the writers commit side by side instead of one waiting for the
 * other's locks (with one shared queue they did, half the time, at 15,000 msgs/s).
 */
@Component
class SendBatcher implements AutoCloseable {

    static final int MAX_BATCH = 256;
    private static final int WRITERS = 2;
    private static final Logger log = LoggerFactory.getLogger(SendBatcher.class);

    private record Pending(SendMessage send, String type, CompletableFuture<Sent> result) {}

    /** What became of one send of a committed batch. */
    private sealed interface Outcome {
        record Stored(MessageView message) implements Outcome {}

        record Refused(ParleyException reason) implements Outcome {}
    }

    /** A batch met a client_id already stored: it is rolled back and its sends stored one by one. */
    private static final class RepeatedClientId extends RuntimeException {
        RepeatedClientId() {
            super(null, null, false, false);
        }
    }

    private final MessageRepository messages;
    private final ConversationService conversations;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final AttachmentService attachments;
    /** One queue per writer; a conversation's sends always go to the same one. */
    private final List<LinkedBlockingQueue<Pending>> queues = new ArrayList<>();

    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;
    private final SendBatchMetrics metrics;

    SendBatcher(
            MessageRepository messages,
            ConversationService conversations,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            AttachmentService attachments,
            MeterRegistry meters) {
        this.metrics = new SendBatchMetrics(meters);
        this.messages = messages;
        this.conversations = conversations;
        this.transaction = transaction;
        this.events = events;
        this.attachments = attachments;
        for (int i = 0; i < WRITERS; i++) {
            LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            writers.add(Thread.ofPlatform().name("send-batcher-" + i).daemon().start(() -> write(queue)));
        }
    }

    /**
     * Stores a validated send with the next seq of its conversation; blocks until it is committed.
     *
     * @throws ParleyException {@code conversation_not_found} (404), {@code not_a_participant} (403)
     */
    Sent store(SendMessage send, String type) {
        if (closed) {
            return storeOne(send, type);
        }
        CompletableFuture<Sent> result = new CompletableFuture<>();
        queues.get((int) Math.floorMod(send.conversationId(), (long) WRITERS)).add(new Pending(send, type, result));
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void write(LinkedBlockingQueue<Pending> queue) {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                Pending first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                Timer.Sample started = metrics.started(batch.size());
                storeBatch(batch);
                metrics.answered(started);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("A batch of {} sends failed", batch.size(), e);
                batch.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void storeBatch(List<Pending> batch) {
        if (batch.size() == 1) {
            complete(
                    batch.getFirst(),
                    () -> storeOne(batch.getFirst().send(), batch.getFirst().type()));
            return;
        }
        List<Outcome> outcomes;
        try {
            outcomes = transaction.execute(status -> storeTogether(batch));
        } catch (RuntimeException e) {
            if (Outages.isDatabaseUnavailable(e)) { // every send of the batch gets the outage's answer at once
                batch.forEach(p -> p.result().completeExceptionally(e));
                return;
            }
            // a repeated client_id, a bad attachment id …: each send gets its own answer
            metrics.split(e instanceof RepeatedClientId);
            if (!(e instanceof RepeatedClientId)) {
                log.debug("A batch of {} sends is stored one by one: {}", batch.size(), e.toString());
            }
            batch.forEach(p -> complete(p, () -> storeOne(p.send(), p.type())));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<Sent> result = batch.get(i).result();
            switch (outcomes.get(i)) {
                case Outcome.Stored stored -> result.complete(new Sent(stored.message(), true));
                case Outcome.Refused refused -> result.completeExceptionally(refused.reason());
            }
        }
    }

    private static void complete(Pending pending, java.util.function.Supplier<Sent> store) {
        try {
            pending.result().complete(store.get());
        } catch (RuntimeException e) {
            pending.result().completeExceptionally(e);
        }
    }

    /**
     * One transaction for the whole batch.
     *
     * @return each send's outcome, in the batch's order
     * @throws RepeatedClientId when a {@code client_id} repeats in the batch or is already stored
     */
    private List<Outcome> storeTogether(List<Pending> batch) {
        List<SendMessage> sends = batch.stream().map(Pending::send).toList();
        if (SeqPlan.repeatsClientId(sends)) {
            throw new RepeatedClientId(); // the same client_id twice in one batch: one by one sorts it out
        }
        SeqPlan plan = SeqPlan.admit(
                sends, conversations.lockForSends(SeqPlan.conversationIds(sends), SeqPlan.senderIds(sends)));
        Map<SeqPlan.Slot, MessageView> stored = new HashMap<>();
        List<SeqPlan.Slot> slots = new ArrayList<>(java.util.Collections.nCopies(batch.size(), null));
        if (!plan.counts().isEmpty()) {
            slots = plan.number(conversations.allocateSeqs(plan.counts()));
            List<NewMessage> rows = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (slots.get(i) != null) {
                    rows.add(new NewMessage(
                            sends.get(i), batch.get(i).type(), slots.get(i).seq()));
                }
            }
            List<MessageView> inserted = messages.insertAll(rows);
            if (inserted.size() != rows.size()) {
                throw new RepeatedClientId();
            }
            inserted.forEach(m -> stored.put(new SeqPlan.Slot(m.conversation(), m.seq()), m));
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            SendMessage send = sends.get(i);
            MessageView message = slots.get(i) == null ? null : stored.get(slots.get(i));
            if (message == null) {
                outcomes.add(new Outcome.Refused(membershipRefusal(send)));
            } else {
                attachments.link(message.id(), send.senderId(), send.metadata());
                events.publishEvent(new MessagePosted(message));
                outcomes.add(new Outcome.Stored(message));
            }
        }
        return outcomes;
    }

    /** The single-message path: one transaction (membership check, next seq, insert). */
    Sent storeOne(SendMessage send, String type) {
        Optional<MessageView> stored = transaction.execute(status -> {
            long seq = conversations
                    .nextSeq(send.conversationId(), send.senderId())
                    .orElseThrow(() -> membershipRefusal(send));
            Optional<MessageView> inserted = messages.insert(send, seq, type);
            if (inserted.isEmpty()) {
                status.setRollbackOnly(); // a concurrent retry with the same client_id won: give the seq back
            } else {
                attachments.link(inserted.get().id(), send.senderId(), send.metadata());
                events.publishEvent(new MessagePosted(inserted.get()));
            }
            return inserted;
        });
        return stored.map(m -> new Sent(m, true))
                .orElseGet(() -> new Sent(
                        messages.findByClientId(send.conversationId(), send.senderId(), send.clientId())
                                .orElseThrow(),
                        false));
    }

    private ParleyException membershipRefusal(SendMessage send) {
        try {
            conversations.requireMember(send.conversationId(), send.senderId());
        } catch (ParleyException refusal) {
            return refusal;
        }
        return new ParleyException(ErrorCode.NOT_A_PARTICIPANT);
    }

    /** Lets the writers finish their batch, then stores what is still queued one by one. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Thread writer : writers) {
            writer.join(10_000);
        }
        for (LinkedBlockingQueue<Pending> queue : queues) {
            Pending left;
            while ((left = queue.poll()) != null) {
                Pending pending = left;
                complete(pending, () -> storeOne(pending.send(), pending.type()));
            }
        }
    }
}
