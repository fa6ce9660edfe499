package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.support.Nodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A started node says where to open it, once, with the port it really listens on. */
@ExtendWith(OutputCaptureExtension.class)
class ReadyAnnouncementIntegrationTests {

    @Test
    void aReadyNodeLogsItsAddressOnce(CapturedOutput output) {
        try (ConfigurableApplicationContext node = Nodes.start()) {
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();
            String line = "Parley is ready: http://localhost:" + port + "/";
            assertThat(output.getOut()).contains(line);
            assertThat(output.getOut().split(java.util.regex.Pattern.quote(line), -1))
                    .hasSize(2);
        }
    }
}
