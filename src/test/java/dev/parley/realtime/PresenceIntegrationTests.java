package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.DirectConversationTest;
import dev.parley.support.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Presence on one node: one transition per real change, whatever the tabs and reconnects. */
class PresenceIntegrationTests extends DirectConversationTest {

    @Test
    void tabsAndQuickReconnectsCauseOneOnlineAndOneOffline() {
        try (Socket bobsStream = client.connect("/ws/notifications/?token=" + bob.access(), null)) {
            bobsStream.next("unread_count");
            Socket tab1 = client.chatSocket(conversation, alice.access());
            Socket tab2 = client.chatSocket(conversation, alice.access());
            tab1.drain();
            tab1.close(); // a reconnect: closes and comes back within the grace period
            Socket tab3 = client.chatSocket(conversation, alice.access());
            tab3.drain();
            tab2.close();
            tab3.close();
            List<Boolean> transitions = new ArrayList<>();
            while (transitions.isEmpty() || transitions.getLast()) {
                JsonNode presence = bobsStream.next("presence");
                assertThat(presence.get("user").asLong()).isEqualTo(alice.id());
                transitions.add(presence.get("online").asBoolean());
            }
            assertThat(transitions).containsExactly(true, false);
        }
    }

    @Test
    void aNewStreamLearnsWhichContactsAreOnline() {
        try (Socket alices = client.chatSocket(conversation, alice.access())) {
            alices.drain();
            try (Socket bobsStream = client.connect("/ws/notifications/?token=" + bob.access(), null)) {
                JsonNode presence = bobsStream.next("presence");
                assertThat(presence.get("user").asLong()).isEqualTo(alice.id());
                assertThat(presence.get("online").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void aStreamLearnsThePresenceOfNewContactsWhenAConversationWithThemStarts() {
        var carol = client.newUser("carol");
        try (Socket carols = client.connect("/ws/notifications/?token=" + carol.access(), null);
                Socket bobsStream = client.connect("/ws/notifications/?token=" + bob.access(), null)) {
            carols.drain();
            bobsStream.drain();
            client.post("/api/chats/conversations/create/", carol.access(), java.util.Map.of("user_id", bob.id()));
            JsonNode presence = bobsStream.next("presence");
            assertThat(presence.get("user").asLong()).isEqualTo(carol.id());
            assertThat(presence.get("online").asBoolean()).isTrue();
        }
    }
}
