package dev.parley.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.util.function.Supplier;

/**
 * The load generator's network side for the load itself (WebSockets and history requests): Netty, one
 * event loop per CPU, shared by every connection, so that the generator spends as little of the machine as
 * it can (it shares it with the server). Setup calls (register, log in, create conversations) use the JDK's
 * HttpClient in {@link Target}.
 */
final class Net {

    static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(
            Runtime.getRuntime().availableProcessors(),
            runnable -> {
                Thread thread = new Thread(runnable, "bench-net");
                thread.setDaemon(true);
                return thread;
            },
            NioIoHandler.newFactory());

    private Net() {}

    /** A client bootstrap to {@code uri}'s host and port whose channels get {@code handlers} (fresh per channel). */
    static Bootstrap bootstrap(URI uri, Supplier<ChannelHandler[]> handlers) {
        return new Bootstrap()
                .group(LOOPS)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20_000)
                .remoteAddress(uri.getHost(), port(uri))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(handlers.get());
                    }
                });
    }

    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().endsWith("s") ? 443 : 80;
    }
}
