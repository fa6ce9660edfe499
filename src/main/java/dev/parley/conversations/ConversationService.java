package dev.parley.conversations;

import dev.parley.accounts.User;
import dev.parley.accounts.UserDirectory;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversations API: create-or-get direct conversations (seed 000), membership checks, the seq
 * counter and read cursors. Only members read or write a conversation (SPEC "Guarantees").
 */
@Service
public class ConversationService {

    private final ConversationRepository conversations;
    private final ReadCursorRepository cursors;
    private final CounterRepository counters;
    private final UserDirectory accounts;
    private final ApplicationEventPublisher events;

    ConversationService(
            ConversationRepository conversations,
            ReadCursorRepository cursors,
            CounterRepository counters,
            UserDirectory accounts,
            ApplicationEventPublisher events) {
        this.conversations = conversations;
        this.cursors = cursors;
        this.counters = counters;
        this.accounts = accounts;
        this.events = events;
    }

    /**
     * The direct conversation between the caller and {@code otherUserId}, created if missing; one per
     * pair whichever side asks, also under concurrent calls.
     *
     * The other user's email is shown as {@link #summaryFor} says.
     *
     * @throws ParleyException {@code self_conversation} (400), {@code user_not_found} (404) for an unknown or
     *     deactivated account
     */
    @Transactional
    public DirectConversation createDirect(long callerId, long otherUserId) {
        if (callerId == otherUserId) {
            throw new ParleyException(ErrorCode.SELF_CONVERSATION);
        }
        User other = accounts.findActive(otherUserId).orElseThrow(() -> new ParleyException(ErrorCode.USER_NOT_FOUND));
        String key = Math.min(callerId, otherUserId) + ":" + Math.max(callerId, otherUserId);
        Optional<Conversation> existing = conversations.findDirect(key);
        boolean created = false;
        Conversation conversation;
        if (existing.isPresent()) {
            conversation = existing.get();
        } else {
            Optional<Conversation> inserted = conversations.insertDirect(key);
            created = inserted.isPresent();
            conversation = inserted.or(() -> conversations.findDirect(key)).orElseThrow();
            if (created) {
                conversations.addMember(conversation.id(), callerId, MemberRole.MEMBER);
                conversations.addMember(conversation.id(), otherUserId, MemberRole.MEMBER);
                events.publishEvent(new ConversationCreated(conversation.id(), List.of(callerId, otherUserId)));
            }
        }
        return new DirectConversation(
                conversation.id(), summaryFor(other, callerId), created, conversation.createdAt());
    }

    /**
     * The conversation if {@code userId} is a member.
     *
     * @throws ParleyException {@code conversation_not_found} (404), {@code not_a_participant} (403)
     */
    public Conversation requireMember(long conversationId, long userId) {
        return asMember(conversations.findAsMember(conversationId, userId));
    }

    /**
     * The conversation's last seq and furthest read cursors, if {@code userId} is a member (for history
     * pages: one query, and {@code is_read} needs no query per message).
     *
     * @throws ParleyException {@code conversation_not_found} (404), {@code not_a_participant} (403)
     */
    public ReadCursors requireMemberCursors(long conversationId, long userId) {
        return asMember(cursors.readCursors(conversationId, userId));
    }

    /**
     * The read cursors of each of {@code conversationIds} that exists (whoever asks): what tells each message's
     * {@code is_read} ({@link ReadCursors#readByOtherThan}).
     */
    public Map<Long, ReadCursors> readCursors(Collection<Long> conversationIds) {
        return conversationIds.isEmpty() ? Map.of() : cursors.readCursors(conversationIds);
    }

    /**
     * The members other than {@code exceptUser} (a message's sender; null for none) who have read up to {@code
     * seq}, with when they first did, earliest first (seed 003's per-reader receipts).
     */
    public List<ReadBy> readers(long conversationId, long seq, Long exceptUser) {
        var read = cursors.readers(conversationId, seq, exceptUser);
        Map<Long, String> names =
                accounts.names(read.stream().map(Map.Entry::getKey).toList());
        return read.stream()
                .map(r -> new ReadBy(r.getKey(), names.get(r.getKey()), r.getValue()))
                .toList();
    }

    private static <T> T asMember(Optional<Seen<T>> seen) {
        Seen<T> found = seen.orElseThrow(() -> new ParleyException(ErrorCode.CONVERSATION_NOT_FOUND));
        if (!found.member()) {
            throw new ParleyException(ErrorCode.NOT_A_PARTICIPANT);
        }
        return found.found();
    }

    /**
     * The conversation, whoever asks (for services, not users).
     *
     * @throws ParleyException {@code conversation_not_found} (404)
     */
    public Conversation requireExists(long conversationId) {
        return conversations
                .find(conversationId)
                .orElseThrow(() -> new ParleyException(ErrorCode.CONVERSATION_NOT_FOUND));
    }

    /**
     * Allocates the next seq of a conversation for a message by {@code senderId}. Runs inside the
     * caller's transaction and holds the conversation's row lock until it ends, so concurrent senders
     * get 1, 2, 3 … in commit order, and a rollback gives the number back (no gap).
     *
     * @return the seq, or empty when the conversation does not exist or the sender is not a member
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public OptionalLong nextSeq(long conversationId, long senderId) {
        return counters.nextSeq(conversationId, senderId);
    }

    /**
     * For a batch of sends, inside the caller's transaction: locks the conversations' rows (held until the
     * transaction ends, as {@link #nextSeq} does) and answers which senders are members, as conversation
     * id → member ids among {@code senderIds}; an unknown conversation is absent.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<Long, java.util.Set<Long>> lockForSends(
            java.util.Collection<Long> conversationIds, java.util.Collection<Long> senderIds) {
        return counters.lockAndFindMembers(conversationIds, senderIds);
    }

    /**
     * Allocates {@code counts.get(id)} consecutive seqs in each conversation, inside the caller's
     * transaction, after {@link #lockForSends}; a rollback gives them all back (no gap).
     *
     * @return conversation id → the last seq allocated (the first is {@code last - count + 1})
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<Long, Long> allocateSeqs(Map<Long, Integer> counts) {
        return counters.advanceSeqs(counts);
    }

    /** The next seq for a system message, inside the caller's transaction (see {@link #nextSeq}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public long nextSystemSeq(long conversationId) {
        return counters.nextSystemSeq(conversationId);
    }

    /**
     * Allocates the next revision of a conversation for an edit or delete, inside the caller's
     * transaction and under the conversation's row lock (as {@link #nextSeq}), so revisions are 1, 2, 3 …
     * in commit order.
     *
     * @return the new revision with the conversation's current last seq
     * @throws ParleyException {@code conversation_not_found} (404)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Position nextRevision(long conversationId) {
        return counters.nextRevision(conversationId)
                .orElseThrow(() -> new ParleyException(ErrorCode.CONVERSATION_NOT_FOUND));
    }

    /**
     * Moves {@code readerId}'s read cursor to {@code upToSeq} (capped at the newest message). Never
     * moves backwards.
     *
     * @return the advance, or empty when the cursor was already there
     */
    @Transactional
    public Optional<ReadAdvance> advanceReadCursor(long conversationId, long readerId, long upToSeq) {
        return cursors.advanceCursor(conversationId, readerId, upToSeq)
                .map(move -> new ReadAdvance(conversationId, readerId, move.from(), move.to()));
    }

    /**
     * {@code userId}'s conversations for their conversation list, most recent activity first: the archived
     * ones when {@code archived}, the others otherwise (an archived conversation returns to the others when a
     * message arrives).
     */
    public List<Membership> memberships(long userId, boolean archived) {
        return conversations.memberships(userId, archived);
    }

    /** {@code userId}'s read cursor in each of their conversations: conversation id → the last seq they read. */
    public Map<Long, Long> readSeqsOf(long userId) {
        return cursors.readSeqsOf(userId);
    }

    /** How far each of {@code conversationIds} that exists has come (conversation id → position). */
    public Map<Long, Position> positions(Collection<Long> conversationIds) {
        return conversationIds.isEmpty() ? Map.of() : conversations.positions(conversationIds);
    }

    /** For each conversation {@code userId} is a member of: how far it has come (conversation id → position). */
    public Map<Long, Position> positionsOf(long userId) {
        return conversations.positionsOf(userId);
    }

    /**
     * For each of {@code conversationIds} that {@code userId} is a member of, the conversation's newest
     * seq when the membership began (0 for members since its creation): a client that learns of the
     * membership late is owed every message after it.
     */
    public Map<Long, Long> joinedAfterSeqs(long userId, Collection<Long> conversationIds) {
        return conversationIds.isEmpty() ? Map.of() : conversations.joinedAfterSeqs(userId, conversationIds);
    }

    /** Everyone who shares at least one conversation with {@code userId} (whose presence they see). */
    public List<Long> contactsOf(long userId) {
        return conversations.contactsOf(userId);
    }

    /**
     * The caller archives ({@code true}) or unarchives a conversation, and/or mutes it (seed 003). An
     * archived conversation leaves the default list until a new message arrives. Null leaves a setting as is.
     *
     * @throws ParleyException {@code conversation_not_found} (404), {@code not_a_participant} (403)
     */
    @Transactional
    public void updateSettings(long conversationId, long userId, Boolean archived, Boolean muted) {
        requireMember(conversationId, userId);
        conversations.updateSettings(conversationId, userId, archived, muted);
    }

    /** Whether {@code userId} is a member of at least one of {@code conversationIds} (false for none). */
    public boolean isMemberOfAny(Collection<Long> conversationIds, long userId) {
        return !conversationIds.isEmpty() && conversations.isMemberOfAny(conversationIds, userId);
    }

    /** Ids of the conversation's members, ascending. */
    public List<Long> memberIds(long conversationId) {
        return conversations.memberIds(conversationId);
    }

    /**
     * Seed 000's {@code other_user} shape for {@code user} as {@code viewerId} sees it: the email only for admins
     * unless {@code parley.privacy.email-visibility=everyone} (SPEC "Security and administration").
     */
    public UserSummary summaryFor(User user, long viewerId) {
        return new UserSummary(user.id(), user.name(), user.email()).shownTo(accounts.seesEmails(viewerId));
    }
}
