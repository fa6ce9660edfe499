package dev.parley.realtime.socket;

import dev.parley.realtime.RealtimeProperties;
import dev.parley.shared.web.WebProperties;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;

/**
 * Registers {@code /ws/chat/{id}/} and {@code /ws/notifications/} (with and without the trailing slash). Browsers may connect from
 * the server's own origin or one of {@code parley.allowed-origins}; others get 403 before the upgrade.
 * Clients that send no Origin (non-browser) are admitted.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    /** The longest text message a socket reads, in bytes: beyond it, 1009 instead of an error frame. */
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private final OpenSockets sockets;
    private final ChatSocketHandler chatHandler;
    private final ChatHandshakeInterceptor chatHandshake;
    private final NotificationsSocketHandler streamHandler;
    private final StreamHandshakeInterceptor streamHandshake;
    private final WebProperties web;
    private final RealtimeProperties realtime;

    WebSocketConfiguration(
            OpenSockets sockets,
            ChatSocketHandler chatHandler,
            ChatHandshakeInterceptor chatHandshake,
            NotificationsSocketHandler streamHandler,
            StreamHandshakeInterceptor streamHandshake,
            WebProperties web,
            RealtimeProperties realtime) {
        this.sockets = sockets;
        this.chatHandler = chatHandler;
        this.chatHandshake = chatHandshake;
        this.streamHandler = streamHandler;
        this.streamHandshake = streamHandshake;
        this.web = web;
        this.realtime = realtime;
    }

    /**
     * Jetty's side of every socket ({@link JettyUpgrade}). A text message up to {@value #MAX_MESSAGE_BYTES}
     * bytes is read whole, far above {@code parley.websocket.max-frame-bytes}: a frame between the two gets
     * Parley's {@code frame_too_large} error frame and the socket stays open; a larger one closes it with
     * 1009. Jetty takes its buffers from a pool only while a socket reads or writes, so an idle socket holds
     * none.
     */
    private DefaultHandshakeHandler handshakeHandler() {
        return new DefaultHandshakeHandler(new JettyUpgrade(
                Math.max(MAX_MESSAGE_BYTES, realtime.maxFrameBytes()),
                realtime.idleTimeout(),
                realtime.sendTimeLimit()));
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        String[] origins = web.allowedOrigins().toArray(String[]::new);
        // Spring Security's CORS filter already refuses foreign Origins on /ws/**; Spring also appends
        // its own Origin check, but after our interceptors. Checking first as well keeps the handshake
        // from marking messages read for a refused Origin even if the CORS mapping changes.
        DefaultHandshakeHandler handshakeHandler = handshakeHandler();
        registry.addHandler(sockets.endpoint(chatHandler), "/ws/chat/{id}", "/ws/chat/{id}/")
                .setHandshakeHandler(handshakeHandler)
                .addInterceptors(new OriginHandshakeInterceptor(List.of(origins)), chatHandshake)
                .setAllowedOrigins(origins);
        registry.addHandler(sockets.endpoint(streamHandler), "/ws/notifications", "/ws/notifications/")
                .setHandshakeHandler(handshakeHandler)
                .addInterceptors(new OriginHandshakeInterceptor(List.of(origins)), streamHandshake)
                .setAllowedOrigins(origins);
    }
}
