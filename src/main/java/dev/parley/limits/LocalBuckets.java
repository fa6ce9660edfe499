package dev.parley.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Duration;

/**
 * Buckets in this process (zero-config, and the stand-in while Redis is unreachable). A bucket unused for
 * {@code idle} is dropped: by then it has refilled, so dropping it changes nothing.
 */
class LocalBuckets implements Buckets {

    private final Cache<String, Bucket> buckets;

    /** @param idle at least the longest period of any limit */
    LocalBuckets(Duration idle) {
        this.buckets = Caffeine.newBuilder().expireAfterAccess(idle).build();
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return buckets.get(key, k -> local(configuration));
    }

    /** A new full bucket of this process with {@code configuration}'s bands. */
    static Bucket local(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder();
        for (Bandwidth band : configuration.getBandwidths()) {
            builder.addLimit(band);
        }
        return builder.build();
    }
}
