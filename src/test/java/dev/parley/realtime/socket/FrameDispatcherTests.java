package dev.parley.realtime.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.parley.conversations.ConversationService;
import dev.parley.conversations.Position;
import dev.parley.limits.RateLimit;
import dev.parley.limits.RateLimiter;
import dev.parley.messaging.MessageService;
import dev.parley.messaging.ReadReceiptService;
import dev.parley.realtime.awareness.TypingIndicators;
import dev.parley.realtime.delivery.Connection;
import dev.parley.realtime.delivery.RecordingTransport;
import dev.parley.realtime.delivery.Sockets;
import dev.parley.realtime.protocol.ClientFrame;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The dispatcher between a socket's frames and the modules: which conversation a frame is about, what a refusal
 * becomes, how a resume is checked. The modules are stand-ins; the socket, its door and the frames are real.
 */
class FrameDispatcherTests {

    private final Sockets sockets = new Sockets();
    private final RecordingTransport transport = new RecordingTransport();
    private final MessageService messages = mock(MessageService.class);
    private final ReadReceiptService readReceipts = mock(ReadReceiptService.class);
    private final TypingIndicators typing = mock(TypingIndicators.class);
    private final ConversationService conversations = mock(ConversationService.class);
    private final RateLimiter limiter = mock(RateLimiter.class);
    private final FrameDispatcher dispatcher = new FrameDispatcher(
            sockets.codec, messages, readReceipts, typing, conversations, limiter, mock(SocketSessions.class));

    @AfterEach
    void stop() {
        sockets.close();
    }

    /** The frames written to the socket, once there are {@code count}. */
    private List<String> frames(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> transport.written.size() >= count);
        assertThat(transport.written).hasSize(count);
        return transport.written;
    }

    @Test
    void aChatSocketThatNamesAnotherConversationIsRefusedAndStaysOpen() {
        Connection chat = sockets.following(transport, 1, 5);
        dispatcher.handle(chat, new ClientFrame.Read(6L, 3L, null));
        assertThat(frames(1).getFirst()).contains("invalid_request").contains("serves conversation 5");
        verify(readReceipts, never()).markRead(anyLong(), anyLong(), anyLong());
        dispatcher.handle(chat, new ClientFrame.Read(null, 3L, null));
        verify(readReceipts).markRead(5, 1, 3L);
        assertThat(transport.closed).isNull();
    }

    @Test
    void theStreamMustNameTheConversationAndFollowItToType() {
        Connection stream = sockets.connection(transport, 1, null);
        dispatcher.handle(stream, new ClientFrame.Typing(null, true));
        dispatcher.handle(stream, new ClientFrame.Typing(9L, true));
        List<String> frames = frames(2);
        assertThat(frames.get(0)).contains("invalid_request");
        assertThat(frames.get(1)).contains("not_a_participant");
        verify(typing, never()).update(any(), anyLong(), anyBoolean());
    }

    @Test
    void aRateLimitedSendIsAnsweredWithItsWaitAndStoresNothing() {
        Connection chat = sockets.following(transport, 1, 5);
        doThrow(new ParleyException(ErrorCode.RATE_LIMITED, "slow down", Duration.ofMillis(1500)))
                .when(limiter)
                .check(RateLimit.SEND, 1L);
        boolean limited = dispatcher.handle(chat, new ClientFrame.Send(null, "hi", null, null, "c-1"));
        assertThat(limited).as("the socket's flood guard counts it").isTrue();
        assertThat(frames(1).getFirst())
                .contains("rate_limited")
                .contains("\"retry_after_ms\":1500")
                .contains("c-1");
        verify(messages, never()).send(any());
    }

    @Test
    void anUnreachableDatabaseIsServiceUnavailableAndAFailureIsAnInternalError() {
        Connection chat = sockets.following(transport, 1, 5);
        when(messages.send(any())).thenThrow(new DataAccessResourceFailureException("connection refused"));
        assertThat(dispatcher.handle(chat, new ClientFrame.Send(null, "hi", null, null, null)))
                .isFalse();
        doThrow(new IllegalStateException("bug")).when(readReceipts).markRead(anyLong(), anyLong(), anyLong());
        dispatcher.handle(chat, new ClientFrame.Read(null, 1L, null));
        List<String> frames = frames(2);
        assertThat(frames.get(0)).contains("service_unavailable");
        assertThat(frames.get(1)).contains("internal_error").doesNotContain("bug");
    }

    @Test
    void aResumeRefusesEachConversationItCannotServeInOneFramePerReasonAndResumesTheRest() {
        Connection stream = sockets.connection(transport, 1, null);
        stream.follow(5, new Position(10, 2), sockets.nothingToRead());
        stream.follow(6, new Position(4, 0), sockets.nothingToRead());
        when(conversations.positionsOf(1)).thenReturn(Map.of(5L, new Position(10, 2), 6L, new Position(4, 0)));
        dispatcher.handle(
                stream,
                new ClientFrame.Resume(List.of(
                        new ClientFrame.Resume.Target(5L, 8, 2L), // fine
                        new ClientFrame.Resume.Target(6L, 7, null), // beyond the newest message
                        new ClientFrame.Resume.Target(7L, 0, null), // not followed
                        new ClientFrame.Resume.Target(8L, 0, null))));
        List<String> frames = frames(2);
        assertThat(frames)
                .anySatisfy(frame ->
                        assertThat(frame).contains("position_out_of_range").contains("\"conversations\":[6]"))
                .anySatisfy(
                        frame -> assertThat(frame).contains("not_a_participant").contains("\"conversations\":[7,8]"));
    }

    @Test
    void aPingIsAnsweredWithAPong() {
        dispatcher.handle(sockets.connection(transport, 1, null), new ClientFrame.Ping());
        assertThat(frames(1).getFirst()).contains("\"type\":\"pong\"");
    }
}
