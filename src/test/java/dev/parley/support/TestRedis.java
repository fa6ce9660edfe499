package dev.parley.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** One real Redis (embedded-redis's binary) per test JVM, on a free port, stopped at exit. */
public final class TestRedis {

    private static RedisServer server;
    private static int port;

    private TestRedis() {}

    /** {@code redis://localhost:PORT} of the shared test Redis, starting it on first use. */
    public static synchronized String url() {
        if (server == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                server = RedisServer.newRedisServer()
                        .port(port)
                        .setting("bind 127.0.0.1")
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .onShutdownForceStop(true)
                        .build();
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the shared Redis, runs {@code whileDown}, and starts it again on the same port (data is not kept). */
    public static synchronized void restart(Runnable whileDown) {
        url();
        try {
            server.stop();
            try {
                whileDown.run();
            } finally { // a failed test must not leave Redis down for the ones after it
                server.start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
