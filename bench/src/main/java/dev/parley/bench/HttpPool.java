package dev.parley.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keep-alive HTTP/1.1 connections (Netty) for the history scenario's GETs: a request waits in a queue
 * until one of the {@code size} connections is free, so an open-loop load that outruns the server shows as
 * latency. Answers the status code; the body is read and dropped. A connection the server closes (some
 * servers close one after 100 requests by default) is replaced, and a request it had not answered is sent
 * again.
 */
final class HttpPool implements AutoCloseable {

    private record Pending(String path, String token, CompletableFuture<Integer> status) {}

    private final URI base;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final Queue<Connection> all = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    HttpPool(URI base, int size) throws InterruptedException {
        this.base = base;
        for (int i = 0; i < size; i++) {
            connect().sync();
        }
    }

    private io.netty.channel.ChannelFuture connect() {
        Connection connection = new Connection();
        all.add(connection);
        return Net.bootstrap(base, () -> new ChannelHandler[] {
                    new HttpClientCodec(), new HttpObjectAggregator(16 << 20), connection
                })
                .connect()
                .addListener((ChannelFutureListener) connected -> {
                    if (connected.isSuccess()) {
                        connection.channel = connected.channel(); // before channelActive runs
                        idle.add(connection);
                        dispatch();
                    } else {
                        all.remove(connection);
                    }
                });
    }

    /** GETs {@code path} with {@code token} as its bearer token (none when null). */
    CompletableFuture<Integer> get(String path, String token) {
        Pending request = new Pending(path, token, new CompletableFuture<>());
        pending.add(request);
        dispatch();
        return request.status();
    }

    private void dispatch() {
        while (!pending.isEmpty()) {
            Connection connection = idle.poll();
            if (connection == null) {
                return;
            }
            Pending next = pending.poll();
            if (next == null) {
                idle.add(connection);
                continue;
            }
            connection.send(next);
        }
    }

    @Override
    public void close() {
        closed = true;
        all.forEach(c -> {
            if (c.channel != null) {
                c.channel.close();
            }
        });
    }

    private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {

        private volatile Channel channel;
        private volatile Pending current;

        void send(Pending request) {
            current = request;
            FullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, request.path());
            get.headers().set(HttpHeaderNames.HOST, base.getHost() + ":" + Net.port(base));
            if (request.token() != null) {
                get.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + request.token());
            }
            channel.writeAndFlush(get); // a failed write closes the channel: channelInactive sends it again
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
            Pending done = current;
            current = null;
            if (io.netty.handler.codec.http.HttpUtil.isKeepAlive(response)) {
                idle.add(this);
            } else {
                context.close(); // replaced in channelInactive
            }
            if (done != null) {
                done.status().complete(response.status().code());
            }
            dispatch();
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            all.remove(this);
            idle.remove(this);
            Pending unanswered = current;
            current = null;
            if (closed) {
                if (unanswered != null) {
                    unanswered.status().complete(-1);
                }
                return;
            }
            if (unanswered != null) {
                pending.add(unanswered);
            }
            connect();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }
}
