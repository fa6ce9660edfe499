package dev.parley.realtime.socket;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Smaller per-connection buffers in Tomcat, so that an idle WebSocket costs less heap (Tomcat's defaults
 * are 8 KiB each, about 43 kB per socket in all).
 *
 * <ul>
 *   <li>Each connection's NIO read buffer: 1 KiB ({@code socket.appReadBufSize}). An upgraded socket reads
 *       frames straight into its WebSocket input buffer, so the NIO one only serves HTTP request heads.
 *   <li>Each connection's NIO write buffer: 4 KiB ({@code socket.appWriteBufSize}); it serves HTTP responses
 *       (a 20 kB history page goes out in five writes), never WebSocket frames.
 *   <li>Each WebSocket's input, output and UTF-8 encoder buffers: 2 KiB each (the JVM-wide system property
 *       {@value #WEBSOCKET_BUFFER_PROPERTY}, read once when Tomcat's WebSocket classes load, so it is set
 *       here, before the server starts, unless it was given on the command line). A frame larger than
 *       the buffer is read and written in parts.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SocketBufferConfiguration {

    static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    static final int WEBSOCKET_BUFFER_BYTES = 2048;
    static final int READ_BUFFER_BYTES = 1024;
    static final int WRITE_BUFFER_BYTES = 4096;

    @Bean
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSocketBuffers() {
        return factory -> {
            if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
                System.setProperty(WEBSOCKET_BUFFER_PROPERTY, Integer.toString(WEBSOCKET_BUFFER_BYTES));
            }
            factory.addConnectorCustomizers((TomcatConnectorCustomizer) connector -> {
                connector.setProperty("socket.appReadBufSize", Integer.toString(READ_BUFFER_BYTES));
                connector.setProperty("socket.appWriteBufSize", Integer.toString(WRITE_BUFFER_BYTES));
            });
        };
    }
}
