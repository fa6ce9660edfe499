package dev.parley.realtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WebSocket limits.
 *
 * @param maxFrameBytes largest accepted client frame, in bytes of UTF-8; larger ones get a
 *     {@code frame_too_large} error frame and are discarded; default 65,536 (64 KiB)
 * @param sendTimeLimit longest a single write to one socket may block before that socket is closed
 *     as a slow consumer (4408); default 10 s
 * @param sendBufferBytes most bytes of frames queued for one socket before it is closed as a slow
 *     consumer (4408); default 524,288 (512 KiB)
 * @param pingInterval how often the server pings each socket (a heartbeat that keeps proxies and NATs from
 *     dropping a quiet socket; clients answer pings on their own); default 25 s, 0 for never
 * @param idleTimeout how long a socket may go without reading or writing anything (pings and pongs count)
 *     before the server closes it with 1001; default 60 s
 * @param concurrentHandshakes how many sockets read their start from PostgreSQL at once (admission before
 *     the 101, positions after it); the others wait their turn; default 16 (of the 20 pooled connections)
 * @param handshakeWait longest a socket waits for that turn before it is refused with 503; default 10 s
 */
@ConfigurationProperties("parley.websocket")
public record RealtimeProperties(
        @DefaultValue("65536") int maxFrameBytes,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("524288") int sendBufferBytes,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("60s") Duration idleTimeout,
        @DefaultValue("16") int concurrentHandshakes,
        @DefaultValue("10s") Duration handshakeWait) {}
