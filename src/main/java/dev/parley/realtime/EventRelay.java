package dev.parley.realtime;

import dev.parley.messaging.MessagePosted;
import dev.parley.messaging.MessagesRead;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.ServerFrame;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns committed events into frames, encoded once per event, for the conversation's sockets. Runs
 * after commit, so a frame never announces a message that could still roll back (SPEC "Guarantees").
 */
@Component
class EventRelay {

    private final LocalHub hub;
    private final FrameCodec codec;

    EventRelay(LocalHub hub, FrameCodec codec) {
        this.hub = hub;
        this.codec = codec;
    }

    /** Every socket of the conversation, the sender's included (its acknowledgement). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(MessagePosted event) {
        hub.deliver(event.message().conversation(), codec.encode(new ServerFrame.Message(event.message())), null);
    }

    /** Every socket of the conversation but the reader's own. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(MessagesRead event) {
        ServerFrame frame =
                new ServerFrame.MessagesRead(event.conversation(), event.reader(), event.upToSeq(), event.messageIds());
        hub.deliver(event.conversation(), codec.encode(frame), event.reader());
    }
}
