package dev.parley.realtime;

import dev.parley.messaging.MessageService;
import dev.parley.messaging.MessageService.Page;
import dev.parley.messaging.MessageView;
import dev.parley.realtime.protocol.CloseCodes;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.ServerFrame;
import dev.parley.shared.ParleyException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a socket's missing messages of one conversation from PostgreSQL, in pages of 100 on a virtual
 * thread, for its {@link Sequencer}: after connecting, on {@code resume}, and when live frames show a
 * gap (after {@value #GAP_GRACE_MS} ms, in case the frame was only overtaken). A caller who is no longer
 * a participant has a conversation socket closed with 4403, or the conversation dropped from the stream.
 */
@Component
class CatchUp implements AutoCloseable {

    static final long GAP_GRACE_MS = 20;
    private static final int PAGE = 100;
    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

    private final MessageService messages;
    private final FrameCodec codec;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    CatchUp(MessageService messages, FrameCodec codec) {
        this.messages = messages;
        this.codec = codec;
    }

    /** The {@link Sequencer.Filler} of one conversation followed by {@code connection}. */
    Sequencer.Filler fillerFor(Connection connection, long conversationId) {
        return new Sequencer.Filler() {
            @Override
            public void fill(long afterSeq, boolean gap) {
                Runnable read = () -> readers.execute(() -> {
                    Sequencer sequencer = connection.sequencer(conversationId);
                    if (sequencer == null) {
                        return;
                    }
                    try {
                        if (!gap) {
                            read(connection, conversationId, afterSeq, Long.MAX_VALUE, sequencer);
                        } else if (sequencer.gapEnd() >= 0) { // the overtaken frame may have come meanwhile
                            read(connection, conversationId, sequencer.delivered(), sequencer.gapEnd(), sequencer);
                        }
                    } finally {
                        sequencer.fillDone();
                    }
                });
                if (gap) {
                    timer.schedule(read, GAP_GRACE_MS, TimeUnit.MILLISECONDS);
                } else {
                    read.run();
                }
            }

            @Override
            public void replay(long afterSeq, long upToSeq) {
                readers.execute(() -> read(connection, conversationId, afterSeq, upToSeq, null));
            }
        };
    }

    /** Reads messages after {@code afterSeq}: through {@code sequencer}, or straight to the socket when null. */
    private void read(Connection connection, long conversationId, long afterSeq, long upToSeq, Sequencer sequencer) {
        long cursor = afterSeq;
        try {
            while (true) {
                Page page = messages.history(conversationId, connection.userId(), null, cursor, PAGE);
                for (MessageView message : page.messages()) {
                    if (message.seq() > upToSeq) {
                        return;
                    }
                    String frame = codec.encode(new ServerFrame.Message(message));
                    if (sequencer != null) {
                        sequencer.offer(message.seq(), frame, frame.getBytes(StandardCharsets.UTF_8).length);
                    } else {
                        connection.send(frame);
                    }
                    cursor = message.seq();
                }
                if (page.messages().isEmpty() || !page.hasNewer()) {
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
            log.warn("Catch-up of socket {} failed", connection.id(), e);
            connection.close(CloseCodes.SERVER_ERROR);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        readers.shutdownNow();
    }
}
