package dev.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateTests {

    @Test
    void readsACountOrASizeOverADuration() {
        assertThat(Rate.parse("30/10s")).isEqualTo(new Rate(30, Duration.ofSeconds(10)));
        assertThat(Rate.parse(" 5 / 1m ")).isEqualTo(new Rate(5, Duration.ofMinutes(1)));
        assertThat(Rate.parse("200MB/1h")).isEqualTo(new Rate(200L * 1024 * 1024, Duration.ofHours(1)));
        assertThat(Rate.parse("100/1d").toString()).isEqualTo("100/1d");
    }

    @Test
    void refusesWhatIsNotARate() {
        for (String bad : new String[] {"30", "/10s", "0/1m", "30/0s", "thirty/1m", "30/soon"}) {
            assertThatThrownBy(() -> Rate.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
