package dev.parley.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.DataDirectory;
import dev.parley.support.DirectConversationTest;
import dev.parley.support.ParleyClient.Response;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AttachmentIntegrationTests extends DirectConversationTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3, 4};

    private long upload(String name, String type, byte[] content) {
        Response uploaded = client.upload(alice.access(), name, type, content);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return uploaded.body().get("id").asLong();
    }

    private Response sendWith(Object attachments) {
        return client.post(
                "/api/chats/conversations/" + conversation + "/messages/",
                alice.access(),
                Map.of("body", "see attached", "metadata", Map.of("attachments", attachments)));
    }

    @Test
    void aMemberDownloadsWhatAMessageCarriesAndAnOutsiderIsRefused() {
        Response uploaded = client.upload(alice.access(), "cat.png", "image/png", PNG);
        assertThat(uploaded.body().get("size").asLong()).isEqualTo(PNG.length);
        assertThat(uploaded.body().get("content_type").asString()).isEqualTo("image/png");
        long id = uploaded.body().get("id").asLong();
        String path = "/api/chats/attachments/" + id + "/";
        assertThat(client.download(path, bob.access()).statusCode())
                .as("not yet carried by a message bob can see")
                .isEqualTo(403);

        assertThat(sendWith(java.util.List.of(id)).status()).isEqualTo(201);
        HttpResponse<byte[]> download = client.download(path, bob.access());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PNG);
        assertThat(download.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("inline");

        assertThat(client.download(path, client.newUser("mallory").access()).statusCode())
                .isEqualTo(403);
        assertThat(client.download("/api/chats/attachments/99999999/", bob.access())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void uploadsAreReadableByParleysUserOnly(@Autowired DataDirectory dataDirectory) throws Exception {
        upload("private.png", "image/png", PNG);
        Path attachments = dataDirectory.file("attachments");
        assertThat(Files.getPosixFilePermissions(attachments)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(attachments)) {
            assertThat(files.toList())
                    .isNotEmpty()
                    .allSatisfy(file -> assertThat(Files.getPosixFilePermissions(file))
                            .as(file.toString())
                            .isEqualTo(PosixFilePermissions.fromString("rw-------")));
        }
    }

    @Test
    void refusesWrongTypesOversizedFilesAndForeignOrMalformedAttachmentIds() {
        assertThat(client.upload(alice.access(), "page.html", "text/html", "<b>x</b>".getBytes())
                        .code())
                .isEqualTo("unsupported_attachment_type");
        assertThat(client.upload(alice.access(), "big.pdf", "application/pdf", new byte[10 * 1024 * 1024 + 1])
                        .code())
                .isEqualTo("attachment_too_large");
        assertThat(client.upload(alice.access(), "empty.txt", "text/plain", new byte[0])
                        .code())
                .isEqualTo("invalid_request");

        long bobs = client.upload(bob.access(), "bob.png", "image/png", PNG)
                .body()
                .get("id")
                .asLong();
        assertThat(sendWith(java.util.List.of(bobs)).code()).isEqualTo("invalid_request");
        assertThat(sendWith("not a list").code()).isEqualTo("invalid_request");
        assertThat(client.lastSeq(alice, conversation))
                .as("a refused send stores nothing")
                .isZero();
    }

    @Test
    void downloadsAnythingButRasterImagesAsAFile() {
        long svg = upload("logo.svg", "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes());
        sendWith(java.util.List.of(svg));
        HttpResponse<byte[]> download = client.download("/api/chats/attachments/" + svg + "/", bob.access());
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment");
    }
}
