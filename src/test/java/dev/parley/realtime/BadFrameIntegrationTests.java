package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every bad frame gets an error frame with its code, stores nothing, and the socket stays usable. */
class BadFrameIntegrationTests extends DirectConversationTest {

    private Socket socket;

    @BeforeEach
    void connect() {
        socket = client.chatSocket(conversation, alice.access());
    }

    @Test
    void emptyAndWhitespaceBodiesGetTheSeedsError() {
        JsonNode empty = assertError("{\"message\": \"\"}", "empty_body");
        assertThat(empty.get("error").asString()).isEqualTo("Message body cannot be empty");
        assertError("{\"message\": \"   \\n \"}", "empty_body");
        JsonNode withClientId = assertError("{\"type\": \"chat_message\", \"client_id\": \"c7\"}", "empty_body");
        assertThat(withClientId.get("client_id").asString()).isEqualTo("c7");
    }

    @Test
    void invalidJsonAndNonObjects() {
        assertError("{not json", "invalid_json");
        assertError("[1, 2]", "invalid_json");
        assertError("\"just a string\"", "invalid_json");
    }

    @Test
    void unknownTypesAndWronglyTypedFields() {
        assertError("{\"type\": \"launch_rockets\"}", "unknown_type");
        assertError("{\"hello\": 1}", "unknown_type");
        assertError("{\"message\": 42}", "invalid_request");
        assertError("{\"message\": \"hi\", \"metadata\": [1]}", "invalid_request");
        assertError("{\"message\": \"hi\", \"conversation\": 99999999}", "invalid_request");
        assertError("{\"type\": \"read\"}", "invalid_request");
    }

    @Test
    void bodiesOverTheLimitAndFramesOverSixtyFourKibibytes() {
        String longBody = "b".repeat(16_001);
        assertError("{\"message\": \"" + longBody + "\"}", "body_too_long");
        String hugeFrame = "{\"message\": \"" + "f".repeat(70_000) + "\"}";
        assertError(hugeFrame, "frame_too_large");
        assertError("{\"message\": \"" + "é".repeat(33_000) + "\"}", "frame_too_large"); // 66,000 bytes of UTF-8
    }

    @Test
    void framesUpToAMebibyteGetTheErrorFrameAndLargerOnesClose1009() {
        assertError("{\"message\": \"" + "m".repeat(1_000_000) + "\"}", "frame_too_large");
        try {
            socket.send("{\"message\": \"" + "m".repeat(1_100_000) + "\"}");
        } catch (CompletionException cutOff) {
            // the server closed once it had read more than 1 MiB, before the client finished sending
        }
        assertThat(socket.awaitClose()).as("beyond Jetty's message limit").isEqualTo(1009);
        assertThat(client.lastSeq(alice, conversation)).as("nothing stored").isZero();
    }

    private JsonNode assertError(String frame, String code) {
        socket.send(frame);
        JsonNode error = socket.next();
        assertThat(error.get("type").asString()).as(frame).isEqualTo("error");
        assertThat(error.get("code").asString()).as(frame).isEqualTo(code);
        assertThat(error.get("error").asString()).isNotBlank();
        assertThat(client.lastSeq(alice, conversation)).as("nothing stored").isZero();
        socket.sendJson(Map.of("message", "still here"));
        assertThat(socket.next("message").get("message").get("body").asString()).isEqualTo("still here");
        assertThat(socket.isOpen()).isTrue();
        resetConversation();
        return error;
    }

    private void resetConversation() {
        // the next check starts on a fresh, empty conversation
        socket.close();
        TestUser other = client.newUser("bob");
        conversation = client.directConversation(alice, other);
        socket = client.chatSocket(conversation, alice.access());
    }
}
