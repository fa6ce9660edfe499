package dev.parley.realtime.socket;

import dev.parley.limits.RateLimiter;
import dev.parley.realtime.RealtimeProperties;
import dev.parley.realtime.awareness.Presence;
import dev.parley.realtime.awareness.TypingIndicators;
import dev.parley.realtime.delivery.CatchUp;
import dev.parley.realtime.delivery.DeliveryMetrics;
import dev.parley.realtime.delivery.LocalHub;
import dev.parley.realtime.delivery.RealtimeThreads;
import dev.parley.realtime.protocol.FrameCodec;
import org.springframework.stereotype.Component;

/** What every socket handler works with, injected as one. */
@Component
record SocketSupport(
        LocalHub hub,
        FrameCodec codec,
        FrameDispatcher dispatcher,
        TypingIndicators typing,
        Presence presence,
        CatchUp catchUp,
        RealtimeProperties properties,
        RealtimeThreads threads,
        DeliveryMetrics metrics,
        SocketSessions sessions,
        RateLimiter limiter,
        HandshakeGate gate) {}
