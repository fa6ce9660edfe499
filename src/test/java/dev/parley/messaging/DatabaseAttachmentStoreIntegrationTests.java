package dev.parley.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import dev.parley.support.ParleyClient;
import dev.parley.support.ParleyClient.Pair;
import dev.parley.support.ParleyClient.Response;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code parley.attachments.store=database} on two nodes with separate data directories, as on two hosts: a
 * file uploaded through one node downloads byte for byte through the other, and nothing is written to disk.
 */
class DatabaseAttachmentStoreIntegrationTests {

    private static Path dataDir1;
    private static Path dataDir2;
    private static ConfigurableApplicationContext node1;
    private static ConfigurableApplicationContext node2;

    @BeforeAll
    static void twoHosts() throws Exception {
        dataDir1 = Files.createTempDirectory("parley-host1");
        dataDir2 = Files.createTempDirectory("parley-host2");
        node1 = Nodes.start("--parley.attachments.store=database", "--parley.data-dir=" + dataDir1);
        node2 = Nodes.start("--parley.attachments.store=database", "--parley.data-dir=" + dataDir2);
    }

    @AfterAll
    static void stop() {
        node1.close();
        node2.close();
    }

    @Test
    void aFileUploadedOnOneHostDownloadsOnTheOther() throws Exception {
        ParleyClient one = Nodes.client(node1);
        ParleyClient two = Nodes.client(node2);
        Pair pair = one.pair();
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        Response uploaded = one.upload(pair.alice().access(), "scan.pdf", "application/pdf", content);
        assertThat(uploaded.status()).isEqualTo(201);
        long id = uploaded.body().get("id").asLong();
        one.post(
                "/api/chats/conversations/" + pair.conversation() + "/messages/",
                pair.alice().access(),
                Map.of("body", "the scan", "metadata", Map.of("attachments", List.of(id))));

        HttpResponse<byte[]> downloaded =
                two.download("/api/chats/attachments/" + id + "/", pair.bob().access());
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(content);
        assertThat(node2.getBean(JdbcClient.class)
                        .sql("SELECT octet_length(content) FROM attachment_contents c JOIN attachments a"
                                + " ON a.storage_key = c.storage_key WHERE a.id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(content.length);
        try (var files = Files.walk(dataDir1)) {
            assertThat(files.filter(p -> p.toString().contains("attachments") && Files.isRegularFile(p)))
                    .as("no file on disk")
                    .isEmpty();
        }
    }
}
