package io.inquest.investigation.engine.tools.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ChangePointTest {

    private static final Instant ALERT = Instant.parse("2026-03-10T10:00:00Z");
    private static final long T0 = ALERT.getEpochSecond() - 3600;

    @Test
    void aStepUpIsFoundWhereItStarts() {
        Series series = SignalCourseTest.series(T0, 15, i -> i < 230 ? 0.01 : 0.2, 300);

        ChangePoint change = ChangePoint.find(series, ALERT.minusSeconds(900), 0.01).orElseThrow();

        assertThat(change.at()).isEqualTo(Instant.ofEpochSecond(T0 + 230 * 15));
        assertThat(change.baseline()).isEqualTo(0.01);
        assertThat(change.after()).isEqualTo(0.2);
    }

    @Test
    void aChangeThatBeganBeforeTheCalmStretchEndedIsDatedWhereItBegan() {
        // Up 20 min before the alert; the baseline is read until 15 min before: the rise began earlier.
        Series series = SignalCourseTest.series(T0, 15, i -> i < 160 ? 0.3 : 0.98, 300);

        ChangePoint change = ChangePoint.find(series, ALERT.minusSeconds(900), 0.05).orElseThrow();

        assertThat(change.at()).isEqualTo(Instant.ofEpochSecond(T0 + 160 * 15));
        assertThat(change.baseline()).isEqualTo(0.3);
    }

    @Test
    void aSlowClimbIsDatedEarlierWithASmallerShareOfTheBaseline() {
        Series series = SignalCourseTest.series(T0, 15, i -> i < 120 ? 300.0 : 300.0 + (i - 120), 300);

        Instant coarse = ChangePoint.find(series, ALERT.minusSeconds(900), 1, 0.5).orElseThrow().at();
        Instant fine = ChangePoint.find(series, ALERT.minusSeconds(900), 1, 0.1).orElseThrow().at();

        assertThat(fine).isBefore(coarse);
        assertThat(fine).isEqualTo(Instant.ofEpochSecond(T0 + 151 * 15));
    }

    @Test
    void aChangeAtTheLastPointCountsEvenWithoutASecondPoint() {
        Series series = SignalCourseTest.series(T0, 15, i -> i < 299 ? 1.0 : 5.0, 300);

        assertThat(ChangePoint.find(series, ALERT.minusSeconds(900), 0.1)).hasValueSatisfying(c -> assertThat(c.after()).isEqualTo(5.0));
    }

    @Test
    void oneSpikeOrAFlatLineOrNoiseBelowTheFloorIsNoChange() {
        assertThat(ChangePoint.find(SignalCourseTest.series(T0, 15, i -> i == 250 ? 5.0 : 1.0, 300), ALERT.minusSeconds(900), 0.1)).isEmpty();
        assertThat(ChangePoint.find(SignalCourseTest.series(T0, 15, i -> 3.0, 300), ALERT.minusSeconds(900), 0.1)).isEmpty();
        assertThat(ChangePoint.find(SignalCourseTest.series(T0, 15, i -> i % 2 == 0 ? 0.0 : 0.004, 300), ALERT.minusSeconds(900), 0.01))
                .as("0.4 % of noise under a 1 % floor").isEmpty();
        assertThat(ChangePoint.find(SignalCourseTest.series(T0, 15, i -> 9.0, 1), ALERT, 0.1)).as("too short to say").isEmpty();
    }
}
