package dev.parley.realtime.socket;

import dev.parley.realtime.protocol.CloseCodes;
import java.time.Duration;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown (SIGTERM), after the server has stopped accepting connections and finished its HTTP
 * requests, closes every socket with 1001 so that clients reconnect, to another node, and resume. No
 * acknowledged message is lost: acknowledgements follow commits, and a send cut off before its echo
 * is retried by the client with the same {@code client_id}.
 */
@Component
class SocketShutdown implements SmartLifecycle {

    /** Between graceful shutdown (stops first) and the web server's stop. */
    private static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final OpenSockets sockets;
    private volatile boolean running;

    SocketShutdown(OpenSockets sockets) {
        this.sockets = sockets;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        sockets.closeAll(CloseCodes.GOING_AWAY, CLOSE_WAIT);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
