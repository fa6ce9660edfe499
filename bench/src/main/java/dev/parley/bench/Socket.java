package dev.parley.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client WebSocket of the load generator (Netty). Sends never block the caller; each complete text
 * frame is handed to the {@link Handler} with the {@link System#nanoTime()} at which it arrived, on the
 * socket's event loop.
 */
final class Socket extends SimpleChannelInboundHandler<WebSocketFrame> {

    interface Handler {
        void frame(Socket socket, String text, long arrivedNanos);
    }

    /** Sends that failed, and sockets the server closed or lost without being asked: both are errors. */
    static final AtomicLong SEND_FAILURES = new AtomicLong();

    static final AtomicLong UNEXPECTED_CLOSES = new AtomicLong();

    private final Handler handler;
    private final CompletableFuture<Socket> opened = new CompletableFuture<>();
    /** The close code the server sent (-1 if the connection ended without one). */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private volatile Channel channel;
    private volatile boolean closing;
    private volatile int closeCode = -1;
    /** Free for the scenario's own bookkeeping (say which side of a conversation this socket is). */
    volatile int role;

    private Socket(Handler handler) {
        this.handler = handler;
    }

    /** Opens a WebSocket to {@code uri} (ws://host:port/path?query) with an {@code Origin} header. */
    static CompletableFuture<Socket> open(URI uri, String origin, Handler handler) {
        Socket socket = new Socket(handler);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .customHeaders(new DefaultHttpHeaders().add("Origin", origin))
                .maxFramePayloadLength(1 << 20)
                .handleCloseFrames(false)
                .handshakeTimeoutMillis(60_000)
                .build();
        Net.bootstrap(uri, () -> new ChannelHandler[] {
                    new HttpClientCodec(),
                    new HttpObjectAggregator(1 << 16),
                    new WebSocketClientProtocolHandler(config),
                    new WebSocketFrameAggregator(1 << 20),
                    socket
                })
                .connect()
                .addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        socket.opened.completeExceptionally(connected.cause());
                    }
                });
        return socket.opened;
    }

    void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text)).addListener((ChannelFutureListener) sent -> {
            if (!sent.isSuccess() && !closing) {
                SEND_FAILURES.incrementAndGet();
            }
        });
    }

    void close() {
        closing = true;
        Channel open = channel;
        if (open != null && open.isActive()) {
            open.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            channel = context.channel();
            opened.complete(this);
        } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            opened.completeExceptionally(new java.util.concurrent.TimeoutException("WebSocket handshake"));
        }
        super.userEventTriggered(context, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            handler.frame(this, text.text(), System.nanoTime());
        } else if (frame instanceof CloseWebSocketFrame close) {
            closeCode = close.statusCode();
            if (!closing) {
                UNEXPECTED_CLOSES.incrementAndGet();
            }
            closing = true;
            context.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        if (!closing && channel != null) { // a failed handshake is counted by whoever opened the socket
            UNEXPECTED_CLOSES.incrementAndGet();
        }
        opened.completeExceptionally(new IllegalStateException("closed before the handshake completed"));
        closed.complete(closeCode);
        super.channelInactive(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        opened.completeExceptionally(cause);
        context.close();
    }
}
