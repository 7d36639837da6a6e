package io.inquest.investigation.engine.tools.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SignalCourseTest {

    private static final Instant ALERT = Instant.parse("2026-03-10T10:00:00Z");
    private static final long T0 = ALERT.getEpochSecond() - 600;
    private static final AlertExpression ABOVE_5_PERCENT = AlertExpression.parse("errors / requests > 0.05");

    @Test
    void anErrorRatioThatStartedExistingWithTheFirstErrorIsCrossedThenAndStillFires() {
        // The 5xx series only exists from the first error: no points before 09:59:40.
        Series series = series(T0, 5, i -> T0 + i * 5 >= ALERT.getEpochSecond() - 20 ? 0.3 : null, 180);

        SignalCourse course = SignalCourse.of(series, ABOVE_5_PERCENT, ALERT, Instant.ofEpochSecond(T0 + 179 * 5), 5).orElseThrow();

        assertThat(course.crossedAt()).contains(ALERT.minusSeconds(20));
        assertThat(course.baseline()).as("no value before the crossing").isEmpty();
        assertThat(course.firing()).isTrue();
        assertThat(course.recoveredAt()).isEmpty();
        assertThat(course.peak().value()).isEqualTo(0.3);
        assertThat(course.crossings()).isEqualTo(1);
    }

    @Test
    void aTwentySecondSpikeIsSeenAtAFineStepAndItsRecoveryDated() {
        Series series = series(T0, 5, i -> {
            long t = T0 + i * 5;
            return t >= ALERT.getEpochSecond() - 20 && t < ALERT.getEpochSecond() ? 0.3 : 0.001;
        }, 240);

        SignalCourse course = SignalCourse.of(series, ABOVE_5_PERCENT, ALERT, Instant.ofEpochSecond(T0 + 239 * 5), 5).orElseThrow();

        assertThat(course.crossedAt()).contains(ALERT.minusSeconds(20));
        assertThat(course.recoveredAt()).contains(ALERT);
        assertThat(course.firing()).isFalse();
        assertThat(course.baseline()).contains(0.001);
        assertThat(course.flapping()).isFalse();
    }

    @Test
    void aSignalCrossingAgainAndAgainIsFlappingAndItsBaselineIsTheCalmBeforeTheFirstCrossing() {
        Series series = series(T0, 15, i -> (i / 4) % 2 == 1 && i > 8 ? 0.2 : 0.01, 60);

        SignalCourse course = SignalCourse.of(series, ABOVE_5_PERCENT, ALERT, Instant.ofEpochSecond(T0 + 59 * 15), 15).orElseThrow();

        assertThat(course.crossings()).isGreaterThanOrEqualTo(SignalCourse.FLAPPING);
        assertThat(course.flapping()).isTrue();
        assertThat(course.baseline()).contains(0.01);
        assertThat(course.crossedAt()).as("the crossing at or before the alert's start")
                .hasValueSatisfying(c -> assertThat(c).isBeforeOrEqualTo(ALERT));
    }

    @Test
    void dataThatStopsWhilePastTheThresholdIsNotFiringAtTheEndOfTheWindow() {
        Series series = series(T0, 15, i -> i < 30 ? 0.01 : 0.4, 44);
        Instant windowEnd = Instant.ofEpochSecond(T0 + 80 * 15);

        SignalCourse course = SignalCourse.of(series, ABOVE_5_PERCENT, ALERT, windowEnd, 15).orElseThrow();

        assertThat(course.firing()).isFalse();
        assertThat(course.recoveredAt()).contains(Instant.ofEpochSecond(T0 + 44 * 15));
    }

    @Test
    void aLowAlertsPeakIsItsLowestPoint() {
        Series series = series(T0, 15, i -> i < 20 ? 1.0 : 0.0, 60);

        SignalCourse course = SignalCourse.of(series, AlertExpression.parse("up < 1"), ALERT, Instant.ofEpochSecond(T0 + 59 * 15), 15)
                .orElseThrow();

        assertThat(course.peak().value()).isZero();
        assertThat(course.crossedAt()).contains(Instant.ofEpochSecond(T0 + 20 * 15));
        assertThat(course.baseline()).contains(1.0);
    }

    @Test
    void noPointsNoCourse() {
        assertThat(SignalCourse.of(Series.of(Map.of(), List.of()), ABOVE_5_PERCENT, ALERT, ALERT, 15)).isEmpty();
    }

    interface Value {
        Double at(int index);
    }

    static Series series(long from, long step, Value value, int count) {
        List<Series.Point> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Double v = value.at(i);
            if (v != null) {
                points.add(new Series.Point(from + i * step, v));
            }
        }
        return Series.of(Map.of(), points);
    }
}
