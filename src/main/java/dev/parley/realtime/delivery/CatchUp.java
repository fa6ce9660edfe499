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

    /** Which of a followed conversation's counters a sequencer orders. */
    enum Counter {
        SEQ,
        REVISION
    }

    private final MessageService messages;
    private final FrameCodec codec;
    private final RealtimeThreads threads;
    private final DeliveryMetrics metrics;

    CatchUp(MessageService messages, FrameCodec codec, RealtimeThreads threads, DeliveryMetrics metrics) {
        this.messages = messages;
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
                        if (counter == Counter.REVISION) { // committed, as a later one came: superseded
                            sequencer.skipTo(gapEnd);
                        }
                    }
                } finally {
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
                List<MessageView> page;
                boolean more;
                if (counter == Counter.SEQ) {
                    Page history = messages.history(conversationId, connection.userId(), null, cursor, PAGE);
                    page = history.messages();
                    more = history.hasNewer();
                } else {
                    page = messages.revisedAfter(conversationId, connection.userId(), cursor, PAGE);
                    more = page.size() == PAGE;
                }
                for (MessageView message : page) {
                    long position = counter == Counter.SEQ ? message.seq() : message.revision();
                    if (position > upTo) {
                        return;
                    }
                    Outgoing frame = Outgoing.of(codec.encode(
                            counter == Counter.SEQ ? new ServerFrame.Message(message) : ServerFrame.revised(message)));
                    if (counter == Counter.REVISION) {
                        sequencer.skipTo(position - 1); // those between were superseded
                    }
                    sequencer.offer(position, frame);
                    cursor = position;
                }
                if (page.isEmpty() || !more) {
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
