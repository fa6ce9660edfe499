package dev.parley.platform;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Jetty, as Parley runs it.
 *
 * <ul>
 *   <li>The accept queue holds {@code parley.accept-queue-size} connections (Jetty's default, 50, dropped
 *       connections when thousands of clients reconnected at once).
 *   <li>With {@code server.forward-headers-strategy=native}, {@code X-Forwarded-*} and {@code Forwarded}
 *       headers are believed only from a proxy on a trusted address: loopback, private networks (10/8,
 *       172.16/12, 192.168/16, 100.64/10, fc00::/7) and link-local ones. Jetty's own customizer believes
 *       anyone, so a client could pick its address for the per-address rate limits; from other peers the
 *       headers are ignored.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

    @Bean
    static WebServerFactoryCustomizer<JettyServletWebServerFactory> parleyJetty(PlatformProperties properties) {
        return new ParleyJetty(properties.acceptQueueSize());
    }

    /** Runs after Boot's own Jetty customizer, which turns forwarded headers on from the property. */
    private record ParleyJetty(int acceptQueueSize)
            implements WebServerFactoryCustomizer<JettyServletWebServerFactory>, Ordered {

        @Override
        public void customize(JettyServletWebServerFactory factory) {
            boolean forwarded = factory.isUseForwardHeaders();
            factory.setUseForwardHeaders(false);
            factory.addServerCustomizers(server -> {
                for (var connector : server.getConnectors()) {
                    if (connector instanceof ServerConnector serverConnector) {
                        serverConnector.setAcceptQueueSize(acceptQueueSize);
                    }
                    if (forwarded) {
                        for (var connectionFactory : connector.getConnectionFactories()) {
                            if (connectionFactory instanceof HttpConfiguration.ConnectionFactory http) {
                                http.getHttpConfiguration().addCustomizer(new FromTrustedProxies());
                            }
                        }
                    }
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Jetty's {@link ForwardedRequestCustomizer}, applied only to requests from a trusted proxy's address. */
    static final class FromTrustedProxies implements HttpConfiguration.Customizer {

        private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

        @Override
        public Request customize(Request request, HttpFields.Mutable responseHeaders) {
            SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
            if (peer instanceof InetSocketAddress address && trusted(address.getAddress())) {
                return forwarded.customize(request, responseHeaders);
            }
            return request;
        }

        static boolean trusted(InetAddress address) {
            if (address == null) {
                return false;
            }
            if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()) {
                return true;
            }
            byte[] bytes = address.getAddress();
            return bytes.length == 4
                    ? (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64 // 100.64.0.0/10
                    : (bytes[0] & 0xfe) == 0xfc; // fc00::/7
        }
    }
}
