package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.support.IntegrationTest;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.HandshakeRefused;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class GroupIntegrationTests extends IntegrationTest {

    private ParleyClient client;
    private List<TestUser> users;
    private TestUser admin;

    @BeforeEach
    void fiveUsers() {
        client = client();
        users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(client.newUser("g"));
        }
        admin = users.getFirst();
    }

    private long createGroup(String title, List<TestUser> members) {
        Response created = client.post(
                "/api/chats/groups/",
                admin.access(),
                Map.of(
                        "title",
                        title,
                        "member_ids",
                        members.stream().map(TestUser::id).toList()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    @Test
    void createsAGroupWithTheCreatorAsAdminAndShowsItInTheList() {
        long group = createGroup("Team", users.subList(1, 5));
        JsonNode listed = client.get("/api/chats/conversations/", users.get(2).access())
                .body()
                .get(0);
        assertThat(listed.get("id").asLong()).isEqualTo(group);
        assertThat(listed.get("kind").asString()).isEqualTo("group");
        assertThat(listed.get("title").asString()).isEqualTo("Team");
        assertThat(listed.get("other_user").isNull()).isTrue();
        assertThat(listed.get("members").size()).isEqualTo(5);
        assertThat(listed.get("members").get(0).get("role").asString()).isEqualTo("admin");
        assertThat(listed.get("members").get(0).get("id").asLong()).isEqualTo(admin.id());
        JsonNode first = client.get("/api/chats/conversations/" + group + "/messages/", admin.access())
                .body()
                .get("results")
                .get(0);
        assertThat(first.get("type").asString()).isEqualTo("group_created");
        assertThat(first.get("sender").isNull()).isTrue();
        assertThat(first.get("body").asString()).contains("Team");
        assertThat(client.get("/api/chats/conversations/" + group, users.get(1).access())
                        .body()
                        .get("members")
                        .size())
                .isEqualTo(5);
    }

    @Test
    void refusesWhatOnlyAdminsOrGroupsMayDo() {
        long group = createGroup("Team", users.subList(1, 3));
        String members = "/api/chats/conversations/" + group + "/members/";
        assertThat(client.post(
                                members,
                                users.get(1).access(),
                                Map.of("user_id", users.get(4).id()))
                        .code())
                .isEqualTo("not_an_admin");
        assertThat(client.post(
                                members,
                                admin.access(),
                                Map.of("user_id", users.get(1).id()))
                        .code())
                .isEqualTo("already_a_member");
        assertThat(client.post(members, admin.access(), Map.of("user_id", 987654321))
                        .code())
                .isEqualTo("user_not_found");
        assertThat(client.post(
                                members,
                                users.get(4).access(),
                                Map.of("user_id", users.get(4).id()))
                        .code())
                .isEqualTo("not_a_participant");
        assertThat(client.send(
                                "DELETE",
                                members + users.get(2).id() + "/",
                                users.get(1).access(),
                                null)
                        .code())
                .isEqualTo("not_an_admin");
        long direct = client.directConversation(admin, users.get(4));
        assertThat(client.post(
                                "/api/chats/conversations/" + direct + "/members/",
                                admin.access(),
                                Map.of("user_id", users.get(3).id()))
                        .code())
                .isEqualTo("not_a_group");
        assertThat(client.post("/api/chats/groups/", admin.access(), Map.of("title", " ", "member_ids", List.of()))
                        .code())
                .isEqualTo("invalid_request");
        assertThat(client.send(
                                "PATCH",
                                "/api/chats/conversations/" + group + "/",
                                users.get(1).access(),
                                "{\"title\":\"Mine\"}")
                        .code())
                .isEqualTo("not_an_admin");
        assertThat(client.lastSeq(admin, group))
                .as("only the creation was recorded")
                .isEqualTo(1);
    }

    @Test
    void aRemovedMemberGetsTheRemovalThenNothingMoreAndCanNoLongerReadWriteOrConnect() {
        long group = createGroup("Five", users.subList(1, 5));
        TestUser removed = users.get(4);
        List<Socket> sockets = new ArrayList<>();
        for (TestUser user : users) {
            sockets.add(client.chatSocket(group, user.access()));
        }
        Socket removedStream = client.connect("/ws/notifications/?token=" + removed.access(), null);
        removedStream.next("unread_count");
        client.sendMessage(users.get(1), group, "before");
        for (Socket socket : sockets) {
            assertThat(socket.next("message").get("message").get("body").asString())
                    .isEqualTo("before");
        }
        assertThat(removedStream.next("message").get("message").get("body").asString())
                .isEqualTo("before");

        assertThat(client.send(
                                "DELETE",
                                "/api/chats/conversations/" + group + "/members/" + removed.id() + "/",
                                admin.access(),
                                null)
                        .status())
                .isEqualTo(204);
        client.sendMessage(users.get(1), group, "after");

        Socket removedSocket = sockets.get(4);
        JsonNode removal = removedSocket.next("message").get("message");
        assertThat(removal.get("type").asString()).isEqualTo("member_removed");
        assertThat(removal.get("metadata").get("user_id").asLong()).isEqualTo(removed.id());
        assertThat(removedSocket.nextOrClosed()).as("nothing after the removal").isNull();
        assertThat(removedSocket.awaitClose()).isEqualTo(4403);
        assertThat(removedStream.next("message").get("message").get("type").asString())
                .isEqualTo("member_removed");
        assertThat(removedStream.drain().stream()
                        .filter(f -> "message".equals(f.path("type").asString())))
                .as("the stream stops following the group")
                .isEmpty();
        for (Socket socket : sockets.subList(0, 4)) {
            assertThat(socket.next("message").get("message").get("type").asString())
                    .isEqualTo("member_removed");
            assertThat(socket.next("message").get("message").get("body").asString())
                    .isEqualTo("after");
        }

        assertThat(client.get("/api/chats/conversations/" + group + "/messages/", removed.access())
                        .status())
                .isEqualTo(403);
        assertThat(client.sendMessage(removed, group, "let me back").status()).isEqualTo(403);
        assertThatThrownBy(() -> client.chatSocket(group, removed.access()))
                .isInstanceOfSatisfying(
                        HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
        sockets.forEach(Socket::close);
        removedStream.close();
    }

    @Autowired
    ConversationService conversations;

    @Test
    void eachMembershipRemembersTheSeqItBeganAfter() {
        long group = createGroup("Counted", users.subList(1, 2));
        client.sendMessage(admin, group, "one");
        client.sendMessage(admin, group, "two");
        TestUser newcomer = users.get(3);
        client.post(
                "/api/chats/conversations/" + group + "/members/", admin.access(), Map.of("user_id", newcomer.id()));
        long added = client.lastSeq(admin, group); // the member_added message
        assertThat(conversations.joinedAfterSeqs(newcomer.id(), List.of(group)))
                .as("the message announcing them is theirs")
                .containsEntry(group, added - 1);
        assertThat(conversations.joinedAfterSeqs(admin.id(), List.of(group, 999_999_999L)))
                .as("since the creation; not a member elsewhere")
                .containsExactly(Map.entry(group, 0L));
    }

    @Test
    void anAddedMembersStreamFollowsTheGroupFromTheirAddition() {
        long group = createGroup("Growing", users.subList(1, 2));
        client.sendMessage(admin, group, "before you came");
        TestUser newcomer = users.get(3);
        try (Socket stream = client.connect("/ws/notifications/?token=" + newcomer.access(), null)) {
            stream.next("unread_count");
            client.post(
                    "/api/chats/conversations/" + group + "/members/",
                    admin.access(),
                    Map.of("user_id", newcomer.id()));
            client.sendMessage(admin, group, "welcome");
            JsonNode added = stream.next("message").get("message");
            assertThat(added.get("type").asString()).isEqualTo("member_added");
            assertThat(stream.next("message").get("message").get("body").asString())
                    .isEqualTo("welcome");
        }
    }

    @Test
    void membersLeaveAndTheLongestStandingOneTakesOverFromALeavingAdmin() {
        long group = createGroup("Leavers", users.subList(1, 3));
        assertThat(client.send("DELETE", "/api/chats/conversations/" + group + "/members/", admin.access(), null)
                        .status())
                .isEqualTo(204);
        JsonNode members = client.get(
                        "/api/chats/conversations/" + group + "/", users.get(1).access())
                .body()
                .get("members");
        assertThat(members.size()).isEqualTo(2);
        assertThat(members.get(0).get("id").asLong()).isEqualTo(users.get(1).id());
        assertThat(members.get(0).get("role").asString()).isEqualTo("admin");
        assertThat(client.send(
                                "PATCH",
                                "/api/chats/conversations/" + group + "/",
                                users.get(1).access(),
                                "{\"title\":\"Renamed\"}")
                        .status())
                .isEqualTo(204);
        JsonNode history = client.get(
                        "/api/chats/conversations/" + group + "/messages/",
                        users.get(1).access())
                .body()
                .get("results");
        assertThat(history.valueStream().map(m -> m.get("type").asString()))
                .containsExactly("group_created", "member_left", "title_changed");
    }
}
