package dev.parley.realtime.delivery;

import dev.parley.messaging.MessageService;
import dev.parley.messaging.MessageService.Page;
import dev.parley.messaging.MessageView;
import dev.parley.realtime.protocol.CloseCodes;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.ServerFrame;
import dev.parley.shared.Outages;
import dev.parley.shared.ParleyException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads what a socket missed of one conversation from PostgreSQL, in pages of 100 on a virtual thread,
 * for one of its {@link Sequencer}s: messages by seq, or edits and deletes by revision (each message in
 * its current state). It runs after connecting, on {@code resume}, and when live frames show a gap
 * (after {@value #GAP_GRACE_MS} ms, in case the frame was only overtaken). A caller who is no longer a
 * participant has a conversation socket closed with 4403, or the conversation dropped from the stream.
 */
@Component
public class CatchUp {

    static final long GAP_GRACE_MS = 20;
    private static final int PAGE = 100;
    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

    /**
     * Which of a followed conversation's counters a sequencer orders, and all that differs between them for a
     * catch-up: where a message stands on it and the frame that carries it.
     */
    enum Counter {
        /** New messages, by {@code seq}: each frame is a {@code message}. */
        SEQ(false) {
            @Override
            long position(MessageView message) {
                return message.seq();
            }

            @Override
            ServerFrame frame(MessageView message) {
                return new ServerFrame.Message(message);
            }
        },
        /**
         * Edits and deletes, by {@code revision}: each frame carries the message as it is now, so the revisions
         * between two frames of a read were superseded and are skipped.
         */
        REVISION(true) {
            @Override
            long position(MessageView message) {
                return message.revision();
            }

            @Override
            ServerFrame frame(MessageView message) {
                return ServerFrame.revised(message);
            }
        };

        /** Whether a later position of this counter supersedes the earlier ones of the same message. */
        final boolean supersedes;

        Counter(boolean supersedes) {
            this.supersedes = supersedes;
        }

        /** Where {@code message} stands on this counter. */
        abstract long position(MessageView message);

        /** The frame that tells a client about {@code message} on this counter. */
        abstract ServerFrame frame(MessageView message);

        /** This counter's sequencer of a followed conversation. */
        Sequencer of(Connection.Followed followed) {
            return this == SEQ ? followed.messages() : followed.revisions();
        }
    }

    /**
     * A page of what a socket missed on one counter.
     *
     * @param messages ascending by the counter's position
     * @param more whether later positions may follow
     */
    record Slice(List<MessageView> messages, boolean more) {}

    /** Reads a conversation's messages after a position of one counter, for a member. */
    interface Reads {
        /**
         * At most {@code limit} messages whose position on {@code counter} is after {@code after}, ascending.
         *
         * @throws ParleyException when {@code userId} is not (or no longer) a participant
         */
        Slice after(Counter counter, long conversationId, long userId, long after, int limit);
    }

    private final Reads reads;
    private final FrameCodec codec;
    private final RealtimeThreads threads;
    private final DeliveryMetrics metrics;

    @Autowired
    CatchUp(MessageService messages, FrameCodec codec, RealtimeThreads threads, DeliveryMetrics metrics) {
        this(
                (counter, conversationId, userId, after, limit) -> switch (counter) {
                    case SEQ -> {
                        Page page = messages.history(conversationId, userId, null, after, limit);
                        yield new Slice(page.messages(), page.hasNewer());
                    }
                    case REVISION -> {
                        List<MessageView> page = messages.revisedAfter(conversationId, userId, after, limit);
                        yield new Slice(page, page.size() == limit);
                    }
                },
                codec,
                threads,
                metrics);
    }

    CatchUp(Reads reads, FrameCodec codec, RealtimeThreads threads, DeliveryMetrics metrics) {
        this.reads = reads;
        this.codec = codec;
        this.threads = threads;
        this.metrics = metrics;
    }

    /** The {@link Sequencer.Filler} of one counter of a conversation followed by {@code connection}. */
    Sequencer.Filler fillerFor(Connection connection, long conversationId, Counter counter) {
        return (after, gap) -> {
            Runnable read = () -> threads.readers().execute(() -> {
                Sequencer sequencer = connection.sequencer(conversationId, counter);
                if (sequencer == null) {
                    return;
                }
                metrics.catchUp(gap);
                try {
                    if (!gap) {
                        read(connection, conversationId, counter, after, Long.MAX_VALUE, sequencer);
                    } else if (sequencer.gapEnd() >= 0) { // the overtaken frame may have come meanwhile
                        long gapEnd = sequencer.gapEnd();
                        read(connection, conversationId, counter, sequencer.delivered(), gapEnd, sequencer);
                        if (counter.supersedes) { // committed, as a later one came: superseded
                            sequencer.skipTo(gapEnd);
                        }
                    }
                } finally {
                    metrics.catchUpDone();
                    sequencer.fillDone();
                }
            });
            if (gap) {
                threads.timer().schedule(read, GAP_GRACE_MS, TimeUnit.MILLISECONDS);
            } else {
                read.run();
            }
        };
    }

    /** Reads what comes after position {@code after} up to {@code upTo}, through {@code sequencer}. */
    private void read(
            Connection connection, long conversationId, Counter counter, long after, long upTo, Sequencer sequencer) {
        long cursor = after;
        try {
            while (true) {
                Slice page = reads.after(counter, conversationId, connection.userId(), cursor, PAGE);
                for (MessageView message : page.messages()) {
                    long position = counter.position(message);
                    if (position > upTo) {
                        return;
                    }
                    if (counter.supersedes) {
                        sequencer.skipTo(position - 1); // those between were superseded
                    }
                    sequencer.offer(position, Outgoing.of(codec.encode(counter.frame(message))));
                    cursor = position;
                }
                if (page.messages().isEmpty() || !page.more()) {
                    return;
                }
            }
        } catch (ParleyException refused) { // no longer a participant
            if (connection.fixedConversation() != null) {
                connection.close(CloseCodes.FORBIDDEN);
            } else {
                connection.unfollow(conversationId);
            }
        } catch (RuntimeException e) {
            if (Outages.isDatabaseUnavailable(e)) { // the gap cannot be filled now: reconnect and resume later
                log.warn("Catch-up of socket {} failed, database unavailable: {}", connection.id(), e.toString());
                connection.close(CloseCodes.TRY_AGAIN_LATER);
            } else {
                log.warn("Catch-up of socket {} failed", connection.id(), e);
                connection.close(CloseCodes.SERVER_ERROR);
            }
        }
    }
}
