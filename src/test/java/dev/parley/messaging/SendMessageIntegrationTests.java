package dev.parley.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.conversations.ConversationService;
import dev.parley.support.DirectConversationTest;
import dev.parley.support.ParleyClient.Response;
import dev.parley.support.ParleyClient.TestUser;
import dev.parley.support.Socket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class SendMessageIntegrationTests extends DirectConversationTest {

    private String messages;

    @BeforeEach
    void messagesPath() {
        messages = "/api/chats/conversations/" + conversation + "/messages/";
    }

    @Test
    void storesTheBodyVerbatimWithTypeAndMetadata() {
        String body = "  <b>hi</b> & \"quotes\" 👋 ";
        Response sent = client.post(
                messages,
                alice.access(),
                Map.of("body", body, "type", "offer", "metadata", Map.of("amount", 12.5), "client_id", "c-1"));
        assertThat(sent.status()).isEqualTo(201);
        JsonNode message = sent.body();
        assertThat(message.get("body").asString()).isEqualTo(body);
        assertThat(message.get("type").asString()).isEqualTo("offer");
        assertThat(message.get("metadata").get("amount").asDouble()).isEqualTo(12.5);
        assertThat(message.get("client_id").asString()).isEqualTo("c-1");
        assertThat(message.get("seq").asLong()).isEqualTo(1);
        assertThat(message.get("deleted").asBoolean()).isFalse();
        assertThat(message.get("edited_at").isNull()).isTrue();
        assertThat(message.get("created_at").asString()).endsWith("Z");
        JsonNode stored =
                client.get(messages, bob.access()).body().get("results").get(0);
        assertThat(stored.get("body").asString()).isEqualTo(body);
        assertThat(stored.get("type").asString()).isEqualTo("offer");
    }

    @Test
    void aSocketSendCarriesTypeAndMetadataToTheOtherSideAndRefusesOversizedMetadata() {
        try (Socket alices = client.chatSocket(conversation, alice.access());
                Socket bobs = client.chatSocket(conversation, bob.access())) {
            alices.sendJson(Map.of(
                    "type",
                    "chat_message",
                    "message",
                    "Offer: 5 EUR",
                    "message_type",
                    "offer",
                    "metadata",
                    Map.of("amount", 5, "currency", "EUR")));
            JsonNode received = bobs.next("message").get("message");
            assertThat(received.get("type").asString()).isEqualTo("offer");
            assertThat(received.get("metadata").get("currency").asString()).isEqualTo("EUR");
            assertThat(received.get("metadata").get("amount").asInt()).isEqualTo(5);

            alices.sendJson(
                    Map.of("type", "chat_message", "message", "big", "metadata", Map.of("blob", "y".repeat(9000))));
            assertThat(alices.next("error").get("code").asString()).isEqualTo("metadata_too_large");
            alices.sendJson(Map.of("type", "chat_message", "message", "typed", "message_type", "Bad Type"));
            assertThat(alices.next("error").get("code").asString()).isEqualTo("invalid_request");
            for (String reserved : List.of("payment", "dispute", "member_added", "title_changed")) {
                alices.sendJson(Map.of("type", "chat_message", "message", "Paid $500", "message_type", reserved));
                assertThat(alices.next("error").get("code").asString())
                        .as("a user's " + reserved + " message, which clients would show as a system notice")
                        .isEqualTo("reserved_type");
            }
            assertThat(bobs.drain()).as("nothing stored, nothing delivered").isEmpty();
        }
        assertThat(client.lastSeq(alice, conversation)).isEqualTo(1);
    }

    @Test
    void refusesBadBodiesAndStoresNothing() {
        assertRefused(Map.of("body", ""), 400, "empty_body");
        assertRefused(Map.of("body", " \n\t "), 400, "empty_body");
        assertRefused(Map.of(), 400, "empty_body");
        assertRefused(Map.of("body", "x".repeat(16_001)), 413, "body_too_long");
        assertRefused(Map.of("body", "hi", "metadata", List.of(1, 2)), 400, "invalid_request");
        assertRefused(Map.of("body", "hi", "metadata", Map.of("blob", "y".repeat(9000))), 413, "metadata_too_large");
        assertRefused(Map.of("body", "hi", "type", "Not A Type"), 400, "invalid_request");
        assertRefused(Map.of("body", "Paid $500", "type", "payment"), 400, "reserved_type");
        assertRefused(Map.of("body", "Ben added Eve", "type", "member_added"), 400, "reserved_type");
        assertRefused(Map.of("body", "hi", "client_id", "z".repeat(65)), 400, "invalid_request");
        Response broken = client.post(messages, alice.access(), "{\"body\": \"unterminated");
        assertThat(broken.code()).isEqualTo("invalid_json");
        Response wrongType = client.post(messages, alice.access(), "{\"body\": 42}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(client.lastSeq(alice, conversation)).isZero();
        assertThat(client.post(messages, alice.access(), Map.of("body", "x".repeat(16_000)))
                        .status())
                .isEqualTo(201);
        String emoji = "😀".repeat(16_000); // 16,000 characters, 32,000 UTF-16 units
        assertThat(client.post(messages, alice.access(), Map.of("body", emoji)).status())
                .isEqualTo(201);
    }

    @Test
    void refusesRequestBodiesOverOneMebibyte() {
        Response huge = client.post(messages, alice.access(), Map.of("body", "hi", "padding", "p".repeat(1_100_000)));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.code()).isEqualTo("payload_too_large");
        assertThat(client.lastSeq(alice, conversation)).isZero();
    }

    @Test
    void aRepeatedClientIdReturnsTheOriginalMessage() {
        Response first = client.post(messages, alice.access(), Map.of("body", "once", "client_id", "retry-1"));
        Response retry = client.post(messages, alice.access(), Map.of("body", "once again", "client_id", "retry-1"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().get("id").asLong())
                .isEqualTo(first.body().get("id").asLong());
        assertThat(retry.body().get("body").asString()).isEqualTo("once");
        Response bobsOwn = client.post(messages, bob.access(), Map.of("body", "mine", "client_id", "retry-1"));
        assertThat(bobsOwn.status()).isEqualTo(201);
        assertThat(client.lastSeq(alice, conversation)).isEqualTo(2);
    }

    /**
     * The batch path on its own (concurrent sends reach it only when they happen to queue together): one insert
     * for sends of two senders, each view naming its sender. The fallback to one transaction per send answers
     * the same, so a broken batch statement showed only as a sixth of the throughput in the chat benchmark.
     */
    @Test
    void aBatchOfSendsIsStoredByOneInsertNamingEachSender(
            @Autowired MessageRepository repository,
            @Autowired ConversationService conversations,
            @Autowired TransactionTemplate transaction) {
        List<MessageView> stored = transaction.execute(status -> {
            conversations.lockForSends(List.of(conversation), List.of(alice.id(), bob.id()));
            long last = conversations.allocateSeqs(Map.of(conversation, 2)).get(conversation);
            return repository.insertAll(List.of(
                    new MessageRepository.NewMessage(
                            new SendMessage(conversation, alice.id(), "from alice", "text", null, "b-1"),
                            "text",
                            last - 1),
                    new MessageRepository.NewMessage(
                            new SendMessage(conversation, bob.id(), "from bob", "text", null, null), "text", last)));
        });
        assertThat(stored)
                .extracting(MessageView::seq, MessageView::senderName, MessageView::body, MessageView::isRead)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(1L, alice.username(), "from alice", false),
                        org.assertj.core.groups.Tuple.tuple(2L, bob.username(), "from bob", false));
        assertThat(client.lastSeq(alice, conversation)).isEqualTo(2);
    }

    @Test
    void concurrentSendsGetSeqOneToOneHundredExactly(@Autowired MeterRegistry meters) throws Exception {
        Counter refusedSplits =
                meters.get("parley.send.batch.splits").tag("reason", "refused").counter();
        double splitsBefore = refusedSplits.count();
        List<Callable<Long>> sends = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            TestUser sender = i % 2 == 0 ? alice : bob;
            String body = "m" + i;
            sends.add(() -> client.sendMessage(sender, conversation, body)
                    .body()
                    .get("seq")
                    .asLong());
        }
        List<Long> seqs = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (Future<Long> seq : pool.invokeAll(sends)) {
                seqs.add(seq.get());
            }
        }
        assertThat(seqs)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
        JsonNode page =
                client.get(messages + "?limit=100", alice.access()).body().get("results");
        assertThat(page.valueStream().map(m -> m.get("seq").asLong()))
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(refusedSplits.count())
                .as("batches of sends none of which is refused are never stored one by one")
                .isEqualTo(splitsBefore);
    }

    @Test
    void concurrentSendsAcrossConversationsWithRefusalsMixedInRefuseOnlyTheBadOnes() throws Exception {
        TestUser carol = client.newUser("carol");
        long withCarol = client.directConversation(alice, carol);
        List<Callable<Response>> sends = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int kind = i % 4;
            String body = "x" + i;
            sends.add(() -> switch (kind) {
                case 0 -> client.sendMessage(alice, conversation, body);
                case 1 -> client.sendMessage(carol, withCarol, body);
                case 2 -> client.sendMessage(carol, conversation, body); // not a participant
                default ->
                    client.post(
                            "/api/chats/conversations/" + withCarol + "/messages/",
                            alice.access(),
                            Map.of("body", body, "metadata", Map.of("attachments", List.of(999_999_999))));
            });
        }
        List<Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (Future<Response> answer : pool.invokeAll(sends)) {
                answers.add(answer.get());
            }
        }
        for (int i = 0; i < answers.size(); i++) {
            Response answer = answers.get(i);
            switch (i % 4) {
                case 0, 1 -> assertThat(answer.status()).as("send " + i).isEqualTo(201);
                case 2 -> assertThat(answer.code()).as("send " + i).isEqualTo("not_a_participant");
                default -> assertThat(answer.status()).as("send " + i).isEqualTo(400);
            }
        }
        for (long id : new long[] {conversation, withCarol}) {
            JsonNode page = client.get("/api/chats/conversations/" + id + "/messages/?limit=100", alice.access())
                    .body()
                    .get("results");
            assertThat(page.valueStream().map(m -> m.get("seq").asLong()))
                    .as("30 messages, seq 1..30 without a gap")
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 30)
                            .boxed()
                            .toList());
        }
    }

    @Test
    void concurrentRetriesOfOneClientIdStoreOneMessage() throws Exception {
        List<Callable<Long>> retries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            retries.add(() -> client.post(messages, alice.access(), Map.of("body", "dup", "client_id", "same"))
                    .body()
                    .get("id")
                    .asLong());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            List<Long> ids = new ArrayList<>();
            for (Future<Long> id : pool.invokeAll(retries)) {
                ids.add(id.get());
            }
            assertThat(ids).containsOnly(ids.getFirst());
        }
        assertThat(client.lastSeq(alice, conversation)).isEqualTo(1);
    }

    private void assertRefused(Object body, int status, String code) {
        Response response = client.post(messages, alice.access(), body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.code()).isEqualTo(code);
    }
}
