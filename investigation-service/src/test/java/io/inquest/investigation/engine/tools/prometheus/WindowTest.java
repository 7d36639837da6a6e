package io.inquest.investigation.engine.tools.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class WindowTest {

    private static final Instant ALERT = Instant.parse("2026-02-11T14:23:40.412Z");

    @Test
    void anOldAlertIsReadAroundItsStartNotAroundNow() {
        Window w = Window.around(ALERT, Instant.parse("2026-11-24T00:00:00Z"), Duration.ofHours(1), Duration.ofMinutes(20),
                Duration.ofSeconds(15), 1000);

        assertThat(w.from()).isEqualTo(Instant.parse("2026-02-11T13:23:40Z"));
        assertThat(w.to()).isEqualTo(Instant.parse("2026-02-11T14:43:40Z"));
        assertThat(w.step()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aFreshAlertIsReadUpToNow() {
        Instant now = ALERT.plusSeconds(90);
        Window w = Window.around(ALERT, now, Duration.ofHours(1), Duration.ofMinutes(20), Duration.ofSeconds(15), 1000);

        assertThat(w.to()).isEqualTo(Instant.ofEpochSecond(now.getEpochSecond()));
    }

    @Test
    void aLongLookBackCoarsensTheWideReadButTheCloseReadStaysFine() {
        Window w = Window.around(ALERT, Instant.parse("2027-01-01T00:00:00Z"), Duration.ofDays(1), Duration.ofMinutes(30),
                Duration.ofSeconds(15), 1000);
        Window close = w.close(ALERT, Duration.ofSeconds(5), 1000);

        assertThat(w.points()).isLessThanOrEqualTo(1000);
        assertThat(w.step()).isEqualTo(Duration.ofSeconds(120));
        assertThat(close.step()).isEqualTo(Duration.ofSeconds(5));
        assertThat(close.from()).isEqualTo(Instant.parse("2026-02-11T14:13:40Z"));
        assertThat(close.to()).isEqualTo(Instant.parse("2026-02-11T14:28:40Z"));
        assertThat(close.finerThan(w)).isTrue();
    }

    @Test
    void theStepNeverExceedsPrometheusPointLimit() {
        assertThat(Window.stepFor(Duration.ofDays(30), Duration.ofSeconds(15), 11000)).isGreaterThanOrEqualTo(30L * 86400 / 10999);
    }
}
