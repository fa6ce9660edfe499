package dev.parley.messaging;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Merges the full-text index's pending list every {@value #INTERVAL_MS} ms, off the send path. PostgreSQL's
 * GIN index ({@code messages_search_idx}, SPEC search) gathers new entries in a pending list and merges it
 * into the index once it passes {@code gin_pending_list_limit} (4 MB), inside whichever insert crosses it:
 * at 12,000 messages/s that stalled one send batch, and every send behind it, for about 400 ms every five
 * seconds. Merging it here keeps it small; an insert that crosses the limit while a merge runs
 * does not wait for it. Every node may run this: concurrent merges skip each other.
 */
@Component
class SearchIndexMerger implements AutoCloseable {

    static final long INTERVAL_MS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(SearchIndexMerger.class);

    private final JdbcClient jdbc;
    private final java.util.concurrent.atomic.AtomicBoolean warned = new java.util.concurrent.atomic.AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "search-index-merger");
        thread.setDaemon(true);
        return thread;
    });

    SearchIndexMerger(JdbcClient jdbc) {
        this.jdbc = jdbc;
        timer.scheduleWithFixedDelay(this::merge, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Merges the pending list now; answers how many of its pages were merged (0 when it was empty). */
    long merge() {
        try {
            return jdbc.sql("SELECT gin_clean_pending_list('messages_search_idx'::regclass)")
                    .query(Long.class)
                    .single();
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) { // once: this runs every second
                log.warn("Could not merge the search index's pending list (inserts will): {}", e.toString());
            }
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
