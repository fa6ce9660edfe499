package dev.parley.messaging;

import java.util.List;

/**
 * A member's read cursor advanced (SPEC frame {@code messages_read}).
 *
 * @param upToSeq every message with seq at most this is read by {@code reader}
 * @param messageIds ids of the other members' messages that became read, ascending
 */
public record MessagesRead(long conversation, long reader, long upToSeq, List<Long> messageIds) {}
