package dev.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** A node that goes away without leaving: its users' claims expire and another node announces them offline. */
class PresenceNodeDeathIntegrationTests {

    @Test
    void usersOfANodeThatStoppedHeartbeatingGoOffline() {
        // a long grace keeps the dying node from leaving politely: only expiry can turn alice offline
        ConfigurableApplicationContext dying =
                Nodes.start("--parley.presence.ttl=2s", "--parley.presence.offline-grace=60s");
        ConfigurableApplicationContext survivor = Nodes.start("--parley.presence.ttl=2s");
        try {
            ParleyClient one = Nodes.client(dying);
            ParleyClient two = Nodes.client(survivor);
            ParleyClient.Pair pair = one.pair();
            try (Socket bobsStream =
                    two.connect("/ws/notifications/?token=" + pair.bob().access(), null)) {
                bobsStream.next("unread_count");
                one.chatSocket(pair.conversation(), pair.alice().access());
                assertThat(bobsStream.next("presence").get("online").asBoolean())
                        .isTrue();
                dying.close();
                JsonNode offline = bobsStream.next("presence");
                assertThat(offline.get("user").asLong()).isEqualTo(pair.alice().id());
                assertThat(offline.get("online").asBoolean()).isFalse();
            }
        } finally {
            dying.close();
            survivor.close();
        }
    }
}
