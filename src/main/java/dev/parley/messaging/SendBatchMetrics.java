package dev.parley.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The send batcher's meters ({@link SendBatcher}), served at {@code /actuator/prometheus}:
 *
 * <ul>
 *   <li>{@code parley_send_batch_size}: sends stored per transaction;
 *   <li>{@code parley_send_batch_seconds}: each batch from its first statement until its senders are answered;
 *   <li>{@code parley_send_batch_splits_total{reason}}: batches rolled back and stored one send per transaction,
 *       {@code repeated_client_id} or {@code refused} (one send in it failed: an attachment id that is not the
 *       sender's …); {@code refused} rising while no send is refused means the batch statement itself fails and
 *       every send pays a transaction of its own.
 * </ul>
 */
final class SendBatchMetrics {

    private final DistributionSummary batchSize;
    private final Timer batchTime;
    private final Counter repeatedClientIdSplits;
    private final Counter refusedSplits;

    SendBatchMetrics(MeterRegistry meters) {
        this.batchSize = DistributionSummary.builder("parley.send.batch.size")
                .description("Sends stored per transaction")
                .register(meters);
        this.batchTime = Timer.builder("parley.send.batch")
                .description("A batch of sends from its first statement until its senders are answered")
                .publishPercentileHistogram()
                .register(meters);
        this.repeatedClientIdSplits = splits(meters, "repeated_client_id");
        this.refusedSplits = splits(meters, "refused");
    }

    private static Counter splits(MeterRegistry meters, String reason) {
        return Counter.builder("parley.send.batch.splits")
                .description("Batches of sends rolled back and stored one by one")
                .tag("reason", reason)
                .register(meters);
    }

    /** A batch of {@code size} sends starts; stop the returned sample when its senders are answered. */
    Timer.Sample started(int size) {
        batchSize.record(size);
        return Timer.start();
    }

    void answered(Timer.Sample started) {
        started.stop(batchTime);
    }

    /** A batch is rolled back and stored one by one: a {@code client_id} repeated, or else one send failed. */
    void split(boolean repeatedClientId) {
        (repeatedClientId ? repeatedClientIdSplits : refusedSplits).increment();
    }
}
