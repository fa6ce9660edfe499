package dev.parley.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTests {

    private static final String FRAME = "{\"type\":\"message\",\"body\":\"héllo 👋\"}";

    @Test
    void roundTripsEveryKindWithItsOriginAndTheFramesUtf8() {
        List<SocketEvent> events = List.of(
                new SocketEvent.NewMessage(42, 7, 9, 1_700_000_000_000L, FRAME),
                new SocketEvent.Revision(42, 3, true, 1_700_000_000_001L, FRAME),
                new SocketEvent.Notice(42, 5, true, FRAME),
                new SocketEvent.ToUser(8, FRAME),
                new SocketEvent.Joined(8, 42, 6),
                new SocketEvent.SessionsEnded(
                        8, java.util.Set.of(java.util.UUID.randomUUID(), java.util.UUID.randomUUID())),
                new SocketEvent.SessionsEnded(9, java.util.Set.of()));
        for (SocketEvent event : events) {
            EventCodec.Encoded encoded = EventCodec.encode(-17, event);
            EventCodec.Received received = EventCodec.decode(encoded.payload());
            assertThat(received.event()).isEqualTo(event);
            assertThat(received.origin()).isEqualTo(-17);
            assertThat(received.frame())
                    .as("the frame's UTF-8, a view of the payload")
                    .isEqualTo(encoded.frame())
                    .isEqualTo(EventCodec.frame(event));
            assertThat(EventCodec.origin(encoded.payload())).isEqualTo(-17);
        }
        assertThat(EventCodec.encode(1, events.getFirst()).frame())
                .isEqualTo(ByteBuffer.wrap(FRAME.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void skipsAnotherVersionAndRefusesATruncatedPayload() {
        byte[] payload = EventCodec.encode(1, new SocketEvent.ToUser(8, FRAME)).payload();
        byte[] future = payload.clone();
        future[0] = EventCodec.VERSION + 1;
        assertThat(EventCodec.decode(future)).isNull();
        byte[] truncated = java.util.Arrays.copyOf(payload, 6);
        assertThatThrownBy(() -> EventCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicsArePerConversationAndPerUser() {
        assertThat(new SocketEvent.Notice(42, 0, false, FRAME).topic()).isEqualTo("conversation:42");
        assertThat(new SocketEvent.Joined(8, 42, 0).topic()).isEqualTo("user:8");
    }
}
