package dev.parley.conversations;

import dev.parley.accounts.UserDirectory;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Group conversations (seed 004's group chat, SPEC): create with a title and members, the creator being
 * admin; admins add and remove members and rename; anyone leaves (the longest-standing member becomes
 * admin when the last admin leaves). Each change publishes {@link MembershipChanged} in its transaction,
 * so that it is recorded as a system message at its place in the conversation.
 */
@Service
public class GroupService {

    private static final int MAX_TITLE_CHARS = 200;
    private static final int MAX_MEMBERS = 5_000;

    /** A group as its API answers show it. */
    public record Group(
            long id, ConversationKind kind, String title, List<Member> members, java.time.Instant createdAt) {}

    private final ConversationRepository conversations;
    private final UserDirectory accounts;
    private final ApplicationEventPublisher events;

    GroupService(ConversationRepository conversations, UserDirectory accounts, ApplicationEventPublisher events) {
        this.conversations = conversations;
        this.accounts = accounts;
        this.events = events;
    }

    /**
     * Creates a group of the creator (admin) and {@code memberIds}.
     *
     * @throws ParleyException {@code invalid_request} for a missing or over-long title (200 characters) or
     *     over 5,000 members, {@code user_not_found} (404) for an unknown or deactivated member id
     */
    @Transactional
    public Group create(long creatorId, String title, List<Long> memberIds) {
        String cleanTitle = validTitle(title);
        Set<Long> members = new LinkedHashSet<>(memberIds == null ? List.of() : memberIds);
        members.remove(creatorId);
        if (members.size() + 1 > MAX_MEMBERS) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "A group has at most " + MAX_MEMBERS + " members");
        }
        for (long member : members) {
            requireUser(member);
        }
        Conversation group = conversations.insertGroup(cleanTitle);
        conversations.addMember(group.id(), creatorId, MemberRole.ADMIN);
        members.forEach(member -> conversations.addMember(group.id(), member, MemberRole.MEMBER));
        List<Long> everyone = conversations.memberIds(group.id());
        events.publishEvent(new ConversationCreated(group.id(), everyone));
        events.publishEvent(
                new MembershipChanged(group.id(), MembershipChange.GROUP_CREATED, creatorId, creatorId, cleanTitle));
        return new Group(group.id(), ConversationKind.GROUP, cleanTitle, members(group.id()), group.createdAt());
    }

    /**
     * An admin adds a member.
     *
     * @throws ParleyException {@code not_a_group} (400), {@code not_an_admin} (403), {@code user_not_found}
     *     (404, also for a deactivated account), {@code already_a_member} (409), and those of {@link
     *     ConversationService#requireMember}
     */
    @Transactional
    public List<Member> addMember(long conversationId, long actorId, long userId) {
        requireAdmin(conversationId, actorId);
        requireUser(userId);
        if (!conversations.addMember(conversationId, userId, MemberRole.MEMBER)) {
            throw new ParleyException(ErrorCode.ALREADY_A_MEMBER);
        }
        events.publishEvent(
                new MembershipChanged(conversationId, MembershipChange.MEMBER_ADDED, userId, actorId, null));
        return members(conversationId);
    }

    /**
     * An admin removes a member, or a member ({@code userId == actorId}) leaves.
     *
     * @throws ParleyException {@code not_a_group} (400), {@code not_an_admin} (403) to remove someone else,
     *     {@code user_not_found} (404) when {@code userId} is not a member
     */
    @Transactional
    public void removeMember(long conversationId, long actorId, long userId) {
        boolean leaving = actorId == userId;
        if (leaving) {
            requireGroupMember(conversationId, actorId);
        } else {
            requireAdmin(conversationId, actorId);
        }
        if (!conversations.deleteMember(conversationId, userId)) {
            throw new ParleyException(ErrorCode.USER_NOT_FOUND, "That user is not a member");
        }
        conversations.ensureAdmin(conversationId);
        events.publishEvent(new MembershipChanged(
                conversationId,
                leaving ? MembershipChange.MEMBER_LEFT : MembershipChange.MEMBER_REMOVED,
                userId,
                actorId,
                null));
    }

    /**
     * An admin renames the group.
     *
     * @throws ParleyException {@code invalid_request}, {@code not_a_group}, {@code not_an_admin}
     */
    @Transactional
    public void rename(long conversationId, long actorId, String title) {
        String cleanTitle = validTitle(title);
        requireAdmin(conversationId, actorId);
        conversations.updateTitle(conversationId, cleanTitle);
        events.publishEvent(
                new MembershipChanged(conversationId, MembershipChange.TITLE_CHANGED, actorId, actorId, cleanTitle));
    }

    /** The members of a conversation, in joining order. */
    public List<Member> members(long conversationId) {
        List<Membership.Member> members = conversations.members(conversationId);
        var users = accounts.users(members.stream().map(Membership.Member::user).toList());
        return members.stream()
                .filter(member -> users.containsKey(member.user()))
                .map(member -> Member.of(users.get(member.user()), member.role()))
                .toList();
    }

    private void requireGroupMember(long conversationId, long userId) {
        conversations.lock(conversationId);
        Conversation conversation = conversations
                .find(conversationId)
                .orElseThrow(() -> new ParleyException(ErrorCode.CONVERSATION_NOT_FOUND));
        if (conversations.role(conversationId, userId).isEmpty()) {
            throw new ParleyException(ErrorCode.NOT_A_PARTICIPANT);
        }
        if (conversation.kind() != ConversationKind.GROUP) {
            throw new ParleyException(ErrorCode.NOT_A_GROUP);
        }
    }

    private void requireAdmin(long conversationId, long actorId) {
        requireGroupMember(conversationId, actorId);
        if (!conversations.role(conversationId, actorId).orElseThrow().managesMembers()) {
            throw new ParleyException(ErrorCode.NOT_AN_ADMIN);
        }
    }

    private void requireUser(long userId) {
        if (accounts.findActive(userId).isEmpty()) {
            throw new ParleyException(ErrorCode.USER_NOT_FOUND, "No user with id " + userId);
        }
    }

    private static String validTitle(String title) {
        if (title == null || title.isBlank() || title.strip().length() > MAX_TITLE_CHARS) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "title: 1-200 characters");
        }
        return title.strip();
    }
}
