package io.inquest.investigation.engine.tools.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;

/** When a request rate is a traffic surge, as a pure function of the series read. */
class RedSignalsTest {

    private static final Instant ALERT = Instant.parse("2026-05-01T12:00:00Z");
    private static final long FROM = ALERT.getEpochSecond() - 3600;

    private final PrometheusSettings settings = Settings.defaults();
    private final Window window = Window.around(ALERT, ALERT.plus(Duration.ofDays(30)), Duration.ofHours(1), Duration.ofMinutes(20),
            Duration.ofSeconds(15), 1000);
    private final Inquiry inquiry = new Inquiry(Alerts.subject("GatewayBusy", "gateway", ALERT, Map.of(), null), settings, null, null,
            window, window.close(ALERT, Duration.ofSeconds(5), 1000));
    private final ServiceSeries gateway = new ServiceSeries("gateway", "service", Optional.empty(), Map.of(), Optional.empty());

    @Test
    void requestsWhereNoneWereCountedBeforeAreASurgeAgainstTheMinimumRate() {
        // The counter exists from its first request, 3 min before the alert.
        Series rate = SignalCourseTest.series(FROM, 15, i -> i < 228 ? null : 10.0, 320);

        List<Observation> found = RedSignals.requestRate(inquiry, gateway, "sum(rate(x[120s]))", rate, Optional.empty());

        Observation surge = found.stream().filter(o -> o.signal() == Signal.TRAFFIC_SURGE).findFirst().orElseThrow();
        assertThat(surge.attr("baseline")).isEqualTo("0");
        assertThat(surge.attr("ratio")).isEqualTo("10");
        assertThat(surge.text()).contains("up to 10 req/s around the alert", "when none were counted", "taken as 1 req/s");
    }

    @Test
    void theSurgeIsDatedWhereTheBurstAroundTheAlertBeganNotAtAnEarlierOne() {
        // A burst 40 min before, calm again, then the one that raised the alert from 4 min before.
        Series rate = SignalCourseTest.series(FROM, 15, i -> i >= 80 && i < 90 || i >= 224 ? 12.0 : 0.5, 320);

        List<Observation> found = RedSignals.requestRate(inquiry, gateway, "q", rate, Optional.empty());

        Observation surge = found.stream().filter(o -> o.signal() == Signal.TRAFFIC_SURGE).findFirst().orElseThrow();
        assertThat(surge.at()).isEqualTo(Instant.ofEpochSecond(FROM + 224 * 15));
    }

    @Test
    void oneAndAHalfTimesTheSameHourYesterdayIsNoSurge() {
        Series rate = SignalCourseTest.series(FROM, 15, i -> i < 200 ? 100.0 : 150.0, 320);

        List<Observation> found = RedSignals.requestRate(inquiry, gateway, "q", rate,
                Optional.of(new RedSignals.Baseline(100, "the same hour 1 day earlier", "q offset 1d")));

        assertThat(found).hasSize(1);
        assertThat(found.get(0).attr("ratio")).isEqualTo("1.5");
        assertThat(found.get(0).attr("abnormal")).isEqualTo("false");
        assertThat(found.get(0).text()).contains("not a surge");
    }

    @Test
    void aFewRequestsMoreThanAlmostNoneIsNoSurge() {
        Series rate = SignalCourseTest.series(FROM, 15, i -> i < 200 ? 0.2 : 0.9, 320);

        List<Observation> found = RedSignals.requestRate(inquiry, gateway, "q", rate, Optional.empty());

        assertThat(found).noneMatch(o -> o.signal() == Signal.TRAFFIC_SURGE);
        assertThat(found.get(0).attr("ratio")).isEqualTo("0.9");
        assertThat(found.get(0).attr("abnormal")).as("nor a drop: the baseline is under the minimum").isEqualTo("false");
    }
}
