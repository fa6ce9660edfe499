package dev.parley.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Merges the full-text index's pending list every {@value #INTERVAL_MS} ms, off the send path. PostgreSQL's
 * GIN index ({@code messages_search_idx}, SPEC search) gathers new entries in a pending list and merges it
 * into the index once it passes {@code gin_pending_list_limit} (4 MB), inside whichever insert crosses it:
 * at 12,000 messages/s that stalled one send batch, and every send behind it, for about 400 ms every five
 * seconds. Merging it here keeps it small; an insert that crosses the limit while a merge runs
 * does not wait for it. Every node may run this: concurrent merges skip each other. It runs while the
 * context runs: it stops with the context's lifecycle, before PostgreSQL (embedded or not) is let go.
 *
 * <p>Meter: {@code parley_search_merge_seconds}, each merge's duration (a rising mean means the pending list
 * grows faster than it is merged).
 */
@Component
class SearchIndexMerger implements SmartLifecycle {

    static final long INTERVAL_MS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(SearchIndexMerger.class);

    private final MessageRepository messages;
    private final java.util.concurrent.atomic.AtomicBoolean warned = new java.util.concurrent.atomic.AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "search-index-merger");
        thread.setDaemon(true);
        return thread;
    });

    private final Timer merges;
    private volatile boolean running;

    SearchIndexMerger(MessageRepository messages, MeterRegistry meters) {
        this.messages = messages;
        this.merges = Timer.builder("parley.search.merge")
                .description("Merges of the full-text index's pending list")
                .register(meters);
    }

    @Override
    public void start() {
        timer.scheduleWithFixedDelay(this::merge, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Stops merging and waits up to 5 s for a merge under way. */
    @Override
    public void stop() {
        running = false;
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Merges the pending list now; answers how many of its pages were merged (0 when it was empty). */
    long merge() {
        Timer.Sample sample = Timer.start();
        try {
            return messages.mergeSearchIndex();
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) { // once: this runs every second
                log.warn("Could not merge the search index's pending list (inserts will): {}", e.toString());
            }
            return 0;
        } finally {
            sample.stop(merges);
        }
    }
}
