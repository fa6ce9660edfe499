package dev.parley.realtime.delivery;

import dev.parley.conversations.ConversationCreated;
import dev.parley.messaging.MessagePosted;
import dev.parley.messaging.MessageRevised;
import dev.parley.messaging.MessageView;
import dev.parley.messaging.MessagesRead;
import dev.parley.messaging.ReactionChanged;
import dev.parley.realtime.protocol.FrameCodec;
import dev.parley.realtime.protocol.ServerFrame;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns committed events into frames, encoded once per event, and hands them to the {@link LocalHub}:
 * this node's sockets at once, every other node's through the broker. Runs after commit, so a frame never announces a
 * message that could still roll back (SPEC "Guarantees").
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
        MessageView message = event.message();
        long leaving = event.leavingMember() == null ? 0 : event.leavingMember();
        hub.publish(new SocketEvent.NewMessage(
                message.conversation(),
                message.seq(),
                leaving,
                System.currentTimeMillis(),
                codec.encode(new ServerFrame.Message(message))));
        if (event.joiningMember() != null) {
            hub.publish(new SocketEvent.Joined(event.joiningMember(), message.conversation(), message.seq() - 1));
        }
    }

    /** Every socket of the conversation; a delete may change unread counts. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(MessageRevised event) {
        MessageView message = event.message();
        hub.publish(new SocketEvent.Revision(
                message.conversation(),
                message.revision(),
                message.deleted(),
                System.currentTimeMillis(),
                codec.encode(ServerFrame.revised(message))));
    }

    /** The members' user streams, on every node, start following the new conversation. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(ConversationCreated event) {
        event.memberIds().forEach(member -> hub.publish(new SocketEvent.Joined(member, event.conversationId(), 0)));
    }

    /** Every socket of the conversation. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(ReactionChanged event) {
        ServerFrame frame = new ServerFrame.Reaction(
                event.conversation(), event.messageId(), event.emoji(), event.user(), event.added(), event.count());
        hub.publish(new SocketEvent.Notice(event.conversation(), 0, false, codec.encode(frame)));
    }

    /** Every socket of the conversation but the reader's own. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(MessagesRead event) {
        ServerFrame frame =
                new ServerFrame.MessagesRead(event.conversation(), event.reader(), event.upToSeq(), event.messageIds());
        hub.publish(new SocketEvent.Notice(event.conversation(), event.reader(), true, codec.encode(frame)));
    }
}
