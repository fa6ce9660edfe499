package dev.parley.realtime;

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
        DeliveryMetrics metrics) {}
