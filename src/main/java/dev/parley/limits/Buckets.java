package dev.parley.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where the token buckets live: this process, or Redis for every node. */
interface Buckets {

    /** The bucket named {@code key}, created full with {@code configuration} when it does not exist. */
    Bucket bucket(String key, BucketConfiguration configuration);
}
