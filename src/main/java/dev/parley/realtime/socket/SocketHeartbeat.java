package dev.parley.realtime.socket;

import dev.parley.realtime.RealtimeProperties;
import dev.parley.realtime.delivery.RealtimeThreads;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Pings every socket once per {@code parley.websocket.ping-interval} (rounded to whole seconds), spread
 * over the interval: a tick a second pings the sockets whose turn it is. The pings keep reverse proxies
 * (nginx closes a proxied connection silent for 60 s by default) and NATs from dropping quiet sockets, and
 * keep Jetty's {@code parley.websocket.idle-timeout} from closing them; clients answer pings by
 * themselves (RFC 6455 §5.5.2), browsers included.
 */
@Component
class SocketHeartbeat {

    SocketHeartbeat(OpenSockets sockets, RealtimeProperties properties, RealtimeThreads threads) {
        int everySeconds = (int) Math.max(1, properties.pingInterval().toSeconds());
        if (properties.pingInterval().isZero()) {
            return;
        }
        AtomicLong tick = new AtomicLong();
        threads.timer()
                .scheduleAtFixedRate(
                        () -> {
                            long now = tick.getAndIncrement();
                            sockets.ping(now, everySeconds);
                        },
                        1,
                        1,
                        TimeUnit.SECONDS);
    }
}
