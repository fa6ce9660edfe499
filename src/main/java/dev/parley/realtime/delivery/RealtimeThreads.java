package dev.parley.realtime.delivery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every thread of the realtime layer, created here and shut down with the context (nothing static).
 *
 * @param writers one virtual thread per socket while its outbox has frames to write ({@code socket-writer-})
 * @param readers virtual threads reading from PostgreSQL for sockets: catch-ups, gap fills, unread counts,
 *     following newly joined conversations, presence snapshots and announcements ({@code realtime-reader-})
 * @param timer one platform thread for short delays: gap grace, typing expiry, unread-count debounce
 *     ({@code realtime-timer}); its tasks hand any blocking work to {@code readers}
 * @param presence one platform thread that owns this node's presence claims ({@code presence})
 */
public record RealtimeThreads(
        ExecutorService writers,
        ExecutorService readers,
        ScheduledExecutorService timer,
        ScheduledExecutorService presence)
        implements AutoCloseable {

    @Override
    public void close() {
        timer.shutdownNow();
        presence.shutdownNow();
        readers.shutdownNow();
        writers.shutdown();
        try {
            writers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RealtimeThreadsConfiguration {

        @Bean(destroyMethod = "close")
        RealtimeThreads realtimeThreads() {
            return new RealtimeThreads(
                    Executors.newThreadPerTaskExecutor(
                            Thread.ofVirtual().name("socket-writer-", 0).factory()),
                    Executors.newThreadPerTaskExecutor(
                            Thread.ofVirtual().name("realtime-reader-", 0).factory()),
                    Executors.newSingleThreadScheduledExecutor(
                            Thread.ofPlatform().name("realtime-timer").daemon().factory()),
                    Executors.newSingleThreadScheduledExecutor(
                            Thread.ofPlatform().name("presence").daemon().factory()));
        }
    }
}
