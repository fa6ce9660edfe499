package dev.parley.platform;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every answer the senders of {@link DatabaseOutageUnderLoadIntegrationTests} got, and how to summarise them. */
final class SendAnswers {

    /** One send and its answer: when it left, when it was answered (ns), and how. */
    record Answer(String sender, long sentAt, long answeredAt, String outcome) {
        long millis() {
            return (answeredAt - sentAt) / 1_000_000;
        }
    }

    final ConcurrentLinkedQueue<Answer> all = new ConcurrentLinkedQueue<>();
    volatile boolean running;

    void add(Answer answer) {
        all.add(answer);
    }

    static String distribution(List<Answer> answers) {
        long[] millis = answers.stream().mapToLong(Answer::millis).sorted().toArray();
        if (millis.length == 0) {
            return "none";
        }
        return "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms"
                .formatted(
                        millis[millis.length / 2],
                        millis[(int) (millis.length * 0.9)],
                        millis[(int) (millis.length * 0.99)],
                        millis[millis.length - 1]);
    }

    static Map<String, Long> outcomes(List<Answer> answers) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        answers.forEach(a -> counts.merge(a.outcome(), 1L, Long::sum));
        return counts;
    }
}
