package io.inquest.investigation.engine.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.inquest.events.Alert;
import io.inquest.events.Severity;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Symptom;
import io.inquest.investigation.engine.Target;

/**
 * A surge measured against a real baseline is strong; one against no series at all (nothing
 * counted or kept before) is weak, unless the access logs show the surge too.
 * Pure logic, no servers.
 */
class WeakSurgeTest {

    private static final Instant START = Instant.parse("2026-03-03T11:00:00Z");

    @Test
    void aSurgeAgainstAMeasuredBaselineIsStrong() {
        assertThat(confidence(surge(false))).isGreaterThanOrEqualTo(0.86);
    }

    @Test
    void aSurgeAgainstNoSeriesAtAllIsWeakSoAnyMechanismTheObjectsShowOutranksIt() {
        assertThat(confidence(surge(true))).isLessThanOrEqualTo(0.5);
    }

    @Test
    void aSurgeAgainstNoSeriesThatTheAccessLogsAlsoShowStaysStrong() {
        Observation logged = Observation.of("logs", Signal.ACCESS_LOG, "access/shop").at(START.minus(Duration.ofMinutes(10)))
                .attr("of", "shop").attr("requests", "6400").attr("ratio", "9.5").text("access logs of shop: 640/min against 67/min before");
        assertThat(confidence(surge(true), logged)).isGreaterThanOrEqualTo(0.86);
    }

    private static double confidence(Observation... observations) {
        return new TrafficSurgeRule().assess(incident(observations)).orElseThrow().confidence();
    }

    private static Observation surge(boolean baselineAbsent) {
        return Observation.of("prometheus", Signal.TRAFFIC_SURGE, "metric/shop/request_rate").at(START.minus(Duration.ofMinutes(30)))
                .attr("of", "shop").attr("value", "120").attr("baseline", baselineAbsent ? "0" : "10").attr("ratio", "12")
                .attr("baselineAbsent", baselineAbsent).text("traffic surge on shop: up to 120 req/s, 12× its rate before");
    }

    private static Case incident(Observation... observations) {
        List<Observation> list = new ArrayList<>();
        for (Observation o : observations) {
            list.add(o.withId(o.source() + "-" + (list.size() + 1)));
        }
        Alert alert = new Alert("alertmanager", "Alert", "something fires", null, Severity.CRITICAL, "shop",
                Map.of("namespace", "shop"), Map.of(), Map.of(), START, "fp", null);
        Subject subject = new Subject("inq-surge", alert, Symptom.UNKNOWN, new Target("shop", "shop", "shop", null, null, null));
        return new Case(subject, list, Set.of("logs", "prometheus", "kubernetes"));
    }
}
