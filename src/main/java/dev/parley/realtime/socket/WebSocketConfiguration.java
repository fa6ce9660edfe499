package dev.parley.realtime.socket;

import dev.parley.shared.web.WebProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;

/**
 * Registers {@code /ws/chat/{id}/} and {@code /ws/notifications/} (with and without the trailing slash). Browsers may connect from
 * the server's own origin or one of {@code parley.allowed-origins}; others get 403 before the upgrade.
 * Clients that send no Origin (non-browser) are admitted.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final ChatSocketHandler chatHandler;
    private final ChatHandshakeInterceptor chatHandshake;
    private final NotificationsSocketHandler streamHandler;
    private final StreamHandshakeInterceptor streamHandshake;
    private final WebProperties web;

    WebSocketConfiguration(
            ChatSocketHandler chatHandler,
            ChatHandshakeInterceptor chatHandshake,
            NotificationsSocketHandler streamHandler,
            StreamHandshakeInterceptor streamHandshake,
            WebProperties web) {
        this.chatHandler = chatHandler;
        this.chatHandshake = chatHandshake;
        this.streamHandler = streamHandler;
        this.streamHandshake = streamHandshake;
        this.web = web;
    }

    /**
     * Tomcat keeps a text and a binary message buffer per socket (8 KiB each by default). Parley's handlers
     * take partial messages and reassemble them up to {@code parley.websocket.max-frame-bytes}, so 1 KiB
     * buffers suffice and an idle socket costs less memory.
     */
    @Bean
    static ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(1024);
        container.setMaxBinaryMessageBufferSize(1024);
        return container;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        String[] origins = web.allowedOrigins().toArray(String[]::new);
        // Spring Security's CORS filter already refuses foreign Origins on /ws/**; Spring also appends
        // its own Origin check, but after our interceptors. Checking first as well keeps the handshake
        // from marking messages read for a refused Origin even if the CORS mapping changes.
        registry.addHandler(chatHandler, "/ws/chat/{id}", "/ws/chat/{id}/")
                .addInterceptors(new OriginHandshakeInterceptor(List.of(origins)), chatHandshake)
                .setAllowedOrigins(origins);
        registry.addHandler(streamHandler, "/ws/notifications", "/ws/notifications/")
                .addInterceptors(new OriginHandshakeInterceptor(List.of(origins)), streamHandshake)
                .setAllowedOrigins(origins);
    }
}
