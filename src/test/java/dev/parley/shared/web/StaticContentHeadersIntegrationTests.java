package dev.parley.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Every file of the web client, whatever its size, carries the page's protection as headers. */
class StaticContentHeadersIntegrationTests extends IntegrationTest {

    @Test
    void everyStaticFileCarriesThePolicyAndProtectionHeaders() throws Exception {
        List<String> paths = new ArrayList<>(List.of("/"));
        for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:/static/*")) {
            paths.add("/" + file.getFilename());
        }
        assertThat(paths).contains("/index.html", "/app.js", "/parley-client.js", "/app.css");
        HttpClient http = HttpClient.newHttpClient();
        for (String path : paths) {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            var headers = response.headers();
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(headers.firstValue("Content-Security-Policy").orElse(""))
                    .as(path + " (" + response.body().length + " bytes)")
                    .contains("default-src 'self'", "connect-src 'self';", "frame-ancestors 'none'")
                    .doesNotContain("ws:", "wss:");
            assertThat(headers.firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(headers.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(headers.firstValue("Cache-Control")).as(path).contains("no-cache");
        }
    }
}
