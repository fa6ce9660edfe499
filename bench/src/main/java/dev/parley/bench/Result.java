package dev.parley.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One scenario's outcome.
 *
 * @param throughput delivered messages (or answered requests) per second while measuring
 * @param latency in microseconds, from the intended send time (open loop) to arrival
 * @param errors error frames, failed sends and requests, unexpected closes
 * @param lost messages sent but never delivered (within the drain time)
 * @param serverCpuMicros CPU time of everything but the load generator per message or request, in µs
 *     (-1 when unknown)
 * @param notes further figures, by name
 */
record Result(
        String scenario,
        double throughput,
        Histogram latency,
        long errors,
        long lost,
        double serverCpuMicros,
        Map<String, String> notes) {

    Result {
        notes = new LinkedHashMap<>(notes);
    }

    /** This result with {@code errors} errors. */
    Result withErrors(long errors) {
        return new Result(scenario, throughput, latency, errors, lost, serverCpuMicros, notes);
    }

    static String ms(Histogram histogram, double percentile) {
        if (histogram == null || histogram.getTotalCount() == 0) {
            return "–";
        }
        long micros = percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
        return String.format("%.2f", micros / 1000.0);
    }

    /** A Markdown table row: scenario, throughput, p50/p90/p99/p99.9/max in ms, errors, lost, CPU, notes. */
    String row() {
        StringBuilder notesText = new StringBuilder();
        notes.forEach((k, v) -> notesText.append(notesText.isEmpty() ? "" : "; ").append(k).append(' ').append(v));
        return String.format(
                "| %s | %s | %s | %s | %s | %s | %s | %d | %d | %s | %s |",
                scenario,
                throughput < 0 ? "–" : String.format("%,.0f", throughput),
                ms(latency, 50),
                ms(latency, 90),
                ms(latency, 99),
                ms(latency, 99.9),
                ms(latency, 100),
                errors,
                lost,
                serverCpuMicros < 0 ? "–" : String.format("%.0f µs", serverCpuMicros),
                notesText);
    }

    static final String HEADER = "| scenario | per s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors | lost "
            + "| server CPU per msg | notes |\n|---|---|---|---|---|---|---|---|---|---|---|";
}
