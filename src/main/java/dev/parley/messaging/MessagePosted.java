package dev.parley.messaging;

/**
 * A new message was stored; published inside the sending transaction, consumed after commit.
 *
 * @param joiningMember for a system message that adds a member: who, else null
 * @param leavingMember for a system message that removes a member (or records them leaving): who, else null
 */
public record MessagePosted(MessageView message, Long joiningMember, Long leavingMember) {

    public MessagePosted(MessageView message) {
        this(message, null, null);
    }
}
