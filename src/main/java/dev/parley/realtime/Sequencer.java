package dev.parley.realtime;

import java.util.Map;
import java.util.TreeMap;

/**
 * Puts one socket's frames of one conversation's counter in order with no duplicate and no gap (SPEC
 * "Guarantees"): message frames by {@code seq}, and, in a second instance, edit and delete frames by
 * {@code revision}. Frames may arrive twice (live and from a catch-up) or out of order (published by
 * different nodes); each position is passed on once, in order. A frame that arrives early is held and
 * the missing ones are asked for from PostgreSQL, which always has them: a conversation's seqs (and
 * revisions) commit in order, so when n+1 exists, n is committed. A revision that PostgreSQL no longer
 * shows was superseded by a later edit of the same message and is {@linkplain #skipTo skipped}.
 *
 * <p>Thread-safe; the sink and the filler are called under this object's lock and must not block.
 */
final class Sequencer {

    /** Where in-order frames go. */
    interface Sink {
        /** @param leavingUser the user who is no longer a member once this message is passed on, or 0 */
        void send(String frame, int bytes, long leavingUser);
    }

    /** Fetches messages from PostgreSQL, asynchronously. */
    interface Filler {
        /**
         * {@link #offer}s every message after {@code afterSeq}, then calls {@link #fillDone()}.
         *
         * @param gap true for a gap seen in live traffic (worth a short wait: the frame may still come),
         *     false for a catch-up the client is waiting for
         */
        void fill(long afterSeq, boolean gap);

        /** Sends the messages with seq in {@code (afterSeq, upToSeq]} straight to the socket, in order. */
        void replay(long afterSeq, long upToSeq);
    }

    private record Held(String frame, int bytes, long leavingUser) {}

    private final Sink sink;
    private final Filler filler;
    private final long start;
    private final TreeMap<Long, Held> held = new TreeMap<>();
    private long delivered;
    private boolean filling;

    /** @param start the seq up to which the client is assumed to have the messages (at handshake) */
    Sequencer(long start, Sink sink, Filler filler) {
        this.start = start;
        this.delivered = start;
        this.sink = sink;
        this.filler = filler;
    }

    /** Offers the frame of message {@code seq}; passes on whatever is now in order. */
    void offer(long seq, String frame, int bytes) {
        offer(seq, frame, bytes, 0);
    }

    /** {@link #offer(long, String, int)} for a message after which {@code leavingUser} is no longer a member. */
    synchronized void offer(long seq, String frame, int bytes, long leavingUser) {
        if (seq <= delivered) {
            return;
        }
        if (seq > delivered + 1) {
            held.putIfAbsent(seq, new Held(frame, bytes, leavingUser));
            requestFill(true);
            return;
        }
        sink.send(frame, bytes, leavingUser);
        delivered = seq;
        passOnHeld(delivered + 1);
    }

    /**
     * Everything up to {@code position} that has not come never will (a revision superseded by a later
     * edit of the same message): passes on the frames held up to there, in order, and moves past it.
     */
    synchronized void skipTo(long position) {
        if (position > delivered) {
            passOnHeld(position);
            delivered = Math.max(delivered, position);
            passOnHeld(delivered + 1);
        }
    }

    /** Passes on held frames in order while they are at most {@code limit} or the next one. */
    private void passOnHeld(long limit) {
        Map.Entry<Long, Held> next;
        while ((next = held.firstEntry()) != null && next.getKey() <= Math.max(limit, delivered + 1)) {
            held.pollFirstEntry();
            if (next.getKey() > delivered) {
                sink.send(
                        next.getValue().frame(),
                        next.getValue().bytes(),
                        next.getValue().leavingUser());
                delivered = next.getKey();
            }
        }
    }

    /** Asks for everything after the cursor (on connect: what committed between handshake and now). */
    synchronized void catchUp() {
        requestFill(false);
    }

    /** A fill has offered what it found; if a gap remains, ask again. */
    synchronized void fillDone() {
        filling = false;
        if (!held.isEmpty()) {
            requestFill(true);
        }
    }

    /**
     * The client has every message up to {@code afterSeq} and wants the rest (SPEC {@code resume}).
     * Replays in order when nothing was passed on since the handshake; otherwise replays only what this
     * socket never carried, so there is no gap and no duplicate.
     */
    synchronized void resume(long afterSeq) {
        if (afterSeq >= delivered) {
            delivered = afterSeq;
            held.headMap(afterSeq, true).clear();
            requestFill(false);
        } else if (delivered == start) {
            delivered = afterSeq;
            held.clear();
            filling = false;
            requestFill(false);
        } else if (afterSeq < start) {
            filler.replay(afterSeq, start);
        }
    }

    synchronized long delivered() {
        return delivered;
    }

    /** The last seq still missing before the first held frame, or -1 when there is no gap now. */
    synchronized long gapEnd() {
        return held.isEmpty() ? -1 : held.firstKey() - 1;
    }

    private void requestFill(boolean gap) {
        if (!filling) {
            filling = true;
            filler.fill(delivered, gap);
        }
    }
}
