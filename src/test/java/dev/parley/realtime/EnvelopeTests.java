package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvelopeTests {

    @Test
    void roundTripsHeaderAndUnicodeFrame() {
        Envelope envelope = new Envelope(42, 7, 5, 3, 9, true, "{\"type\":\"message\",\"body\":\"héllo 👋\"}");
        assertThat(Envelope.decode(envelope.encode())).isEqualTo(envelope);
    }

    @Test
    void topicsArePerConversation() {
        assertThat(Envelope.topic(42)).isEqualTo("conversation:42").isNotEqualTo(Envelope.topic(4));
    }
}
