package dev.parley.messaging;

import dev.parley.conversations.ConversationKind;
import dev.parley.conversations.Member;
import dev.parley.conversations.UserSummary;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One row of the conversation list: seed 000's {@code {id, other_user, last_message, unread_count,
 * created_at}} plus SPEC's {@code kind, title, last_seq}.
 *
 * @param otherUser the other participant of a direct conversation, null for groups
 * @param members a group's members (null for direct conversations)
 * @param lastMessage the newest message or null when there is none
 * @param unreadCount messages from others after the caller's read cursor
 * @param archived archived by the caller and nothing newer since (seed 003)
 * @param muted muted by the caller
 */
public record InboxView(
        long id,
        ConversationKind kind,
        @Schema(nullable = true) String title,
        @Schema(nullable = true) UserSummary otherUser,
        @Schema(nullable = true) List<Member> members,
        @Schema(nullable = true) LastMessage lastMessage,
        long unreadCount,
        long lastSeq,
        boolean archived,
        boolean muted,
        Instant createdAt) {

    /** Seed 000's {@code last_message}: {@code {body, created_at, sender_id, is_read}}. */
    public record LastMessage(
            String body,
            Instant createdAt,
            @Schema(nullable = true) Long senderId,
            boolean isRead) {}
}
