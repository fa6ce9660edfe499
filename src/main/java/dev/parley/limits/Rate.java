package dev.parley.limits;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * One band of a limit, written {@code capacity/period}: at most {@code capacity} at once, refilled evenly
 * so that {@code capacity} more are allowed every {@code period} ({@code 30/10s}: a burst of 30, then 3 a
 * second). The capacity is a count, or a size such as {@code 200MB} for limits measured in bytes.
 *
 * @param capacity tokens the bucket holds when full
 * @param period time to refill it from empty, at least 1 ms
 */
public record Rate(long capacity, Duration period) {

    public Rate {
        if (capacity < 1 || period.toMillis() < 1) {
            throw new IllegalArgumentException("A rate needs a capacity of at least 1 and a period of at least 1 ms");
        }
    }

    /**
     * Parses {@code capacity/period}, such as {@code 5/1m} or {@code 200MB/1h}.
     *
     * @throws IllegalArgumentException when {@code text} is not of that form
     */
    public static Rate parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("A rate is written capacity/period, such as 30/10s: " + text);
        }
        String capacity = text.substring(0, slash).strip();
        long tokens = capacity.chars().allMatch(Character::isDigit)
                ? Long.parseLong(capacity)
                : DataSize.parse(capacity).toBytes();
        return new Rate(
                tokens, DurationStyle.detectAndParse(text.substring(slash + 1).strip()));
    }

    /** As written in configuration, the period in its largest whole unit: {@code 100/1d}. */
    @Override
    public String toString() {
        ChronoUnit unit = Stream.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)
                .filter(u -> period.toMillis() % u.getDuration().toMillis() == 0)
                .findFirst()
                .orElse(ChronoUnit.MILLIS);
        return capacity + "/" + DurationStyle.SIMPLE.print(period, unit);
    }
}
