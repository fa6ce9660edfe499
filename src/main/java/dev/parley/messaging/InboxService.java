package dev.parley.messaging;

import dev.parley.accounts.User;
import dev.parley.accounts.UserDirectory;
import dev.parley.conversations.ConversationService;
import dev.parley.conversations.Member;
import dev.parley.conversations.Membership;
import dev.parley.conversations.UserSummary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The caller's conversation list and unread counts (seed 000 {@code GET /api/chats/conversations/},
 * {@code GET /api/chats/unread-count/}). Unread means: sent by someone else, after the caller's read
 * cursor, and not deleted. A list is four queries whatever the number of conversations: the memberships
 * (conversations), the people in them (accounts), the last messages and the unread counts (messages).
 */
@Service
public class InboxService {

    private final ConversationService conversations;
    private final UserDirectory users;
    private final InboxRepository inbox;

    InboxService(ConversationService conversations, UserDirectory users, InboxRepository inbox) {
        this.conversations = conversations;
        this.users = users;
        this.inbox = inbox;
    }

    /**
     * The caller's conversations, most recent activity first: the archived ones when {@code archived},
     * the others otherwise. An archived conversation returns to the others when a message arrives. The other
     * user's email is shown only as {@link UserDirectory#seesEmails} allows.
     */
    public List<InboxView> list(long userId, boolean archived) {
        List<Membership> memberships = conversations.memberships(userId, archived);
        Set<Long> people = new HashSet<>();
        Map<Long, Long> lastSeqs = new HashMap<>();
        Map<Long, Long> cursors = new HashMap<>();
        for (Membership membership : memberships) {
            if (membership.otherUser() != null) {
                people.add(membership.otherUser());
            }
            membership.members().forEach(member -> people.add(member.user()));
            long id = membership.conversation().id();
            cursors.put(id, membership.lastReadSeq());
            if (membership.conversation().lastSeq() > 0) {
                lastSeqs.put(id, membership.conversation().lastSeq());
            }
        }
        Map<Long, User> found = users.users(people);
        Map<Long, InboxRepository.Last> lasts = inbox.lastMessages(lastSeqs);
        Map<Long, Long> unread = inbox.unreadCounts(userId, cursors);
        boolean seesEmails = users.seesEmails(userId);
        return memberships.stream()
                .map(membership -> view(membership, found, lasts, unread, seesEmails))
                .toList();
    }

    /** Unread messages over all the caller's conversations. */
    public long unreadCount(long userId) {
        return inbox.unreadCounts(userId, conversations.readSeqsOf(userId)).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static InboxView view(
            Membership membership,
            Map<Long, User> users,
            Map<Long, InboxRepository.Last> lasts,
            Map<Long, Long> unread,
            boolean seesEmails) {
        var conversation = membership.conversation();
        User other = membership.otherUser() == null ? null : users.get(membership.otherUser());
        InboxRepository.Last last = lasts.get(conversation.id());
        return new InboxView(
                conversation.id(),
                conversation.kind(),
                conversation.title(),
                other == null ? null : new UserSummary(other.id(), other.name(), other.email()).shownTo(seesEmails),
                membership.members().isEmpty()
                        ? null
                        : membership.members().stream()
                                .filter(member -> users.containsKey(member.user()))
                                .map(member -> Member.of(users.get(member.user()), member.role()))
                                .toList(),
                last == null
                        ? null
                        : new InboxView.LastMessage(
                                last.body(),
                                last.createdAt(),
                                last.sender(),
                                membership.cursors().readByOtherThan(last.sender(), last.seq())),
                unread.getOrDefault(conversation.id(), 0L),
                conversation.lastSeq(),
                membership.archived(),
                membership.muted(),
                conversation.createdAt());
    }
}
