package dev.parley.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.realtime.protocol.ClientFrame.Resume.Target;
import dev.parley.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FrameCodecTests {

    private final FrameCodec codec = new FrameCodec(JsonMapper.builder().build());

    @Test
    void decodesTheSeedsUntypedSend() {
        assertThat(codec.decode("{\"message\": \"hi\"}")).isEqualTo(new ClientFrame.Send(null, "hi", null, null, null));
    }

    @Test
    void decodesChatMessageWithExtras() {
        ClientFrame frame = codec.decode("{\"type\":\"chat_message\",\"message\":\"hi\",\"message_type\":\"offer\","
                + "\"metadata\":{\"a\":1},\"client_id\":\"c1\",\"conversation\":\"7\"}");
        assertThat(frame).isInstanceOfSatisfying(ClientFrame.Send.class, send -> {
            assertThat(send.conversation()).isEqualTo(7L);
            assertThat(send.messageType()).isEqualTo("offer");
            assertThat(send.metadata().get("a").asInt()).isEqualTo(1);
            assertThat(send.clientId()).isEqualTo("c1");
        });
    }

    @Test
    void decodesReadsAndPing() {
        assertThat(codec.decode("{\"type\":\"read\",\"up_to_seq\":5}")).isEqualTo(new ClientFrame.Read(null, 5L, null));
        assertThat(codec.decode("{\"type\":\"mark_messages_read\",\"message_ids\":[1,2]}"))
                .isEqualTo(new ClientFrame.Read(null, null, java.util.List.of(1L, 2L)));
        assertThat(codec.decode("{\"type\":\"ping\"}")).isEqualTo(new ClientFrame.Ping());
        assertThat(codec.decode("{\"type\":\"resume\",\"after_seq\":12}"))
                .isEqualTo(resume(new Target(null, 12, null)));
        assertThat(codec.decode("{\"type\":\"resume\",\"after_seq\":{\"4\":2,\"9\":0}}"))
                .isEqualTo(resume(new Target(4L, 2, null), new Target(9L, 0, null)));
        assertThat(codec.decode("{\"type\":\"resume\",\"after_seq\":12,\"after_revision\":3}"))
                .isEqualTo(resume(new Target(null, 12, 3L)));
        assertThat(codec.decode("{\"type\":\"resume\",\"after_seq\":{\"4\":2},\"after_revision\":{\"4\":7}}"))
                .isEqualTo(resume(new Target(4L, 2, 7L)));
        assertThat(codec.decode("{\"type\":\"resume\",\"conversation\":5,\"after_seq\":1}"))
                .as("the stream's single form names its conversation")
                .isEqualTo(resume(new Target(5L, 1, null)));
    }

    @Test
    void refusesWithStableCodesAndKeepsTheClientId() {
        assertCode("nope", "invalid_json");
        assertCode("null", "invalid_json");
        assertCode("{\"type\": 5}", "unknown_type");
        assertCode("{\"type\": \"dance\"}", "unknown_type");
        assertCode("{\"message\": []}", "invalid_request");
        assertCode("{\"type\":\"resume\",\"after_seq\":-1}", "invalid_request");
        assertCode("{\"type\":\"resume\",\"after_seq\":{\"x\":1}}", "invalid_request");
        assertCode("{\"type\":\"mark_messages_read\",\"message_ids\":[\"x\"]}", "invalid_request");
        assertThatThrownBy(() -> codec.decode("{\"message\": 1, \"client_id\": \"k\"}"))
                .isInstanceOfSatisfying(
                        FrameException.class, e -> assertThat(e.clientId()).isEqualTo("k"));
    }

    @Test
    void encodesServerFramesWithTheirType() {
        assertThat(codec.encode(new ServerFrame.Pong())).isEqualTo("{\"type\":\"pong\"}");
        assertThat(codec.encode(new ServerFrame.Error(ErrorCode.EMPTY_BODY, "Message body cannot be empty", null)))
                .contains("\"type\":\"error\"")
                .contains("\"error\":\"Message body cannot be empty\"")
                .doesNotContain("client");
    }

    private static ClientFrame.Resume resume(Target... targets) {
        return new ClientFrame.Resume(java.util.List.of(targets));
    }

    private void assertCode(String frame, String code) {
        assertThatThrownBy(() -> codec.decode(frame))
                .as(frame)
                .isInstanceOfSatisfying(
                        FrameException.class,
                        e -> assertThat(e.errorCode().code()).isEqualTo(code));
    }
}
