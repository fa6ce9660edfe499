package dev.parley.limits;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes that share their rate-limit buckets through Redis, with small limits, started once per test
 * class. Each test speaks from its own client address ({@code X-Forwarded-For}, trusted from loopback), so
 * the per-address limits of one test never touch another's.
 */
abstract class RateLimitedNodesTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    static ConfigurableApplicationContext node1;
    static ConfigurableApplicationContext node2;

    @BeforeAll
    static void startNodes() {
        String[] limits = {
            "--parley.rate-limits.enabled=true",
            "--server.forward-headers-strategy=native",
            "--parley.rate-limits.send=5/1m",
            "--parley.rate-limits.typing=3/1m",
            "--parley.rate-limits.search=2/1m",
            "--parley.rate-limits.conversation-create=3/1m",
            "--parley.rate-limits.flood=4/1m",
            "--parley.rate-limits.login-username=3/1m,5/1h",
            "--parley.rate-limits.login-address=12/1m",
            "--parley.rate-limits.handshake-address=3/1m",
            "--parley.rate-limits.register-address=3/1m",
            "--parley.rate-limits.refresh-address=2/1m",
            "--parley.rate-limits.edit=2/1m",
            "--parley.rate-limits.reaction=2/1m",
            "--parley.rate-limits.upload=5/1m",
            "--parley.rate-limits.upload-bytes=1KB/1m"
        };
        node1 = Nodes.start(limits);
        node2 = Nodes.start(limits);
    }

    @AfterAll
    static void stopNodes() {
        node1.close();
        node2.close();
    }

    /** A client of {@code node} at an address no other test uses. */
    static ParleyClient client(ConfigurableApplicationContext node) {
        return Nodes.client(node).from(address());
    }

    /** A client address no other test uses (in 198.51.0.0/16). */
    static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }
}
