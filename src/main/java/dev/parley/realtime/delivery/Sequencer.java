package dev.parley.realtime.delivery;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The door of one socket for one counter of one conversation (SPEC "Guarantees"): message frames by
 * {@code seq}, and, in a second instance, edit and delete frames by {@code revision}. Every frame of
 * that counter reaches the socket through here, whatever brought it: live delivery on this node, the
 * broker, a catch-up or gap fill from PostgreSQL, a {@code resume}, or the answer to a repeated
 * {@code client_id}. Frames may arrive twice, late or early; the socket still gets each position once,
 * in order.
 *
 * <p>Invariants, under this object's lock:
 *
 * <ol>
 *   <li>The positions written to the socket strictly increase: none twice, none after a later one.
 *   <li>{@code base ≤ cursor}, and every position in {@code (base, cursor]} has been written (or, for
 *       revisions, was superseded by a later edit of the same message and {@linkplain #skipTo skipped}).
 *       {@code base} is where the client said it was: the socket's start, or its last accepted resume.
 *   <li>Frames held for later are all beyond {@code cursor + 1}; while any is held a fill is asked for.
 * </ol>
 *
 * <p>A gap is filled from PostgreSQL, which always has the missing frames: a conversation's seqs (and
 * revisions) commit in order, so when n+1 exists, n is committed.
 *
 * <p>Thread-safe; the sink and the filler are called under this object's lock and must not block.
 */
public final class Sequencer {

    /** Where in-order frames go. */
    interface Sink {
        void send(Outgoing frame);
    }

    /** Fetches frames from PostgreSQL, asynchronously. */
    interface Filler {
        /**
         * {@link #offer}s every frame after position {@code after}, then calls {@link #fillDone()}.
         *
         * @param gap true for a gap seen in live traffic (worth a short wait: the frame may still come),
         *     false for a catch-up the client is waiting for
         */
        void fill(long after, boolean gap);
    }

    /** What a frame offered by {@link #answer} became. */
    public enum Answer {
        /** Beyond the cursor: it goes out in order, once the positions before it have. */
        QUEUED,
        /** Written now: older than the socket's start, and nothing later was written yet. */
        WRITTEN,
        /** Already written on this socket; not written again. */
        CARRIED,
        /** Older than the socket's start, and later positions were written: it cannot go out in order. */
        OUT_OF_ORDER
    }

    /** What a {@link #resume} did. */
    public enum Resumed {
        /** The socket now sends everything after the client's position, in order. */
        RESUMED,
        /** Positions after the client's were already written and some before them were not: unchanged. */
        TOO_LATE
    }

    /** Counts what the door drops; see {@link DeliveryMetrics}. */
    public interface Observer {
        void duplicateDropped();

        Observer NONE = () -> {};
    }

    private final Sink sink;
    private final Filler filler;
    private final Observer observer;
    private final TreeMap<Long, Outgoing> held = new TreeMap<>();
    /** Positions at or below {@link #base} written as answers to repeated client_ids; null until one is. */
    private Set<Long> answered;

    private long base;
    private long cursor;
    private long written;
    private boolean filling;
    private boolean catchUpWanted;

    /** @param start the position up to which the client is taken to have the frames (at handshake) */
    Sequencer(long start, Sink sink, Filler filler, Observer observer) {
        this.base = start;
        this.cursor = start;
        this.sink = sink;
        this.filler = filler;
        this.observer = observer;
    }

    Sequencer(long start, Sink sink, Filler filler) {
        this(start, sink, filler, Observer.NONE);
    }

    /** Offers the frame of position {@code position}; passes on whatever is now in order. */
    synchronized void offer(long position, Outgoing frame) {
        if (position <= cursor) {
            observer.duplicateDropped();
            return;
        }
        if (position > cursor + 1) {
            if (held.putIfAbsent(position, frame) != null) {
                observer.duplicateDropped();
            }
            requestFill(true);
            return;
        }
        write(position, frame);
        cursor = position;
        passOnHeld(cursor + 1);
    }

    /**
     * Offers the message that a repeated {@code client_id} named, as the sender's acknowledgement: in
     * order like any frame when it is beyond the cursor; written at once when it is older than the
     * socket's start and nothing later was written yet; otherwise not written again.
     */
    synchronized Answer answer(long position, Outgoing frame) {
        if (position > cursor) {
            offer(position, frame);
            return Answer.QUEUED;
        }
        if (position > written) {
            write(position, frame);
            if (answered == null) {
                answered = new HashSet<>();
            }
            answered.add(position);
            return Answer.WRITTEN;
        }
        if (position > base || (answered != null && answered.contains(position))) {
            observer.duplicateDropped();
            return Answer.CARRIED;
        }
        return Answer.OUT_OF_ORDER;
    }

    /**
     * Everything up to {@code position} that has not come never will (a revision superseded by a later
     * edit of the same message): passes on the frames held up to there, in order, and moves past it.
     */
    synchronized void skipTo(long position) {
        if (position > cursor) {
            passOnHeld(position);
            cursor = Math.max(cursor, position);
            passOnHeld(cursor + 1);
        }
    }

    /** Passes on held frames in order while they are at most {@code limit} or the next one. */
    private void passOnHeld(long limit) {
        Map.Entry<Long, Outgoing> next;
        while ((next = held.firstEntry()) != null && next.getKey() <= Math.max(limit, cursor + 1)) {
            held.pollFirstEntry();
            if (next.getKey() > cursor) {
                write(next.getKey(), next.getValue());
                cursor = next.getKey();
            }
        }
    }

    private void write(long position, Outgoing frame) {
        sink.send(frame);
        written = position;
    }

    /** Asks for everything after the cursor (on connect: what committed between handshake and now). */
    synchronized void catchUp() {
        requestFill(false);
    }

    /** A fill has offered what it found; if a catch-up was asked for meanwhile or a gap remains, ask again. */
    synchronized void fillDone() {
        filling = false;
        if (catchUpWanted) {
            catchUpWanted = false;
            requestFill(false);
        } else if (!held.isEmpty()) {
            requestFill(true);
        }
    }

    /**
     * The client has every frame up to {@code after} and wants the rest (SPEC {@code resume}). The
     * caller has checked that {@code after} is not beyond the conversation's newest position.
     *
     * <ul>
     *   <li>At or beyond the cursor: the socket moves up to it and sends what follows.
     *   <li>Behind the cursor, with nothing beyond {@code after} written yet: the socket goes back to it
     *       and sends everything after it, in order.
     *   <li>Behind the cursor, at or beyond {@code base}: everything after it was written or is on its
     *       way, in order; nothing changes.
     *   <li>Otherwise the frames it lacks cannot come in order any more: {@link Resumed#TOO_LATE}, and
     *       nothing changes.
     * </ul>
     */
    public synchronized Resumed resume(long after) {
        if (!canResume(after)) {
            return Resumed.TOO_LATE;
        }
        if (after >= cursor || written <= after) {
            base = after;
            cursor = after;
            held.headMap(after, true).clear();
            answered = null;
            passOnHeld(cursor + 1);
            requestFill(false);
            return Resumed.RESUMED;
        }
        return Resumed.RESUMED; // at or beyond base: everything after it was written or is on its way
    }

    /** Whether {@link #resume} would take {@code after} now; changes nothing. */
    public synchronized boolean canResume(long after) {
        return after >= cursor || written <= after || after >= base;
    }

    /** The position up to which the socket has been sent everything (or the client said it had it). */
    synchronized long delivered() {
        return cursor;
    }

    /** The last position still missing before the first held frame, or -1 when there is no gap now. */
    synchronized long gapEnd() {
        return held.isEmpty() ? -1 : held.firstKey() - 1;
    }

    private void requestFill(boolean gap) {
        if (filling) {
            catchUpWanted |= !gap;
            return;
        }
        filling = true;
        filler.fill(cursor, gap);
    }
}
