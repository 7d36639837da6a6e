package io.inquest.investigation.engine.tools.prometheus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.diagnosis.Relative;
import io.smallrye.mutiny.Uni;

/**
 * One tool call's reading of Prometheus: the subject, the windows chosen from the alert, the API
 * and the reads' bookkeeping. Made per call; never shared between investigations.
 *
 * @param window the wide read around the alert's start
 * @param close  the close read of the alert's start, at the fine step
 */
record Inquiry(Subject subject, PrometheusSettings settings, PrometheusApi api, Reads reads, Window window, Window close) {

    static final String SOURCE = "prometheus";

    Instant alertStart() {
        return subject.alert().startsAt();
    }

    /** The baseline of a metric is read before this: well before the alert, so a slow rise still stands out. */
    Instant calmUntil() {
        Instant calm = alertStart().minus(java.time.Duration.ofMinutes(15));
        return calm.isAfter(window.from()) ? calm : window.from().plus(window.length().dividedBy(3));
    }

    String relative(Instant at) {
        return Relative.toAlert(at, alertStart());
    }

    /** "at 10:02:15Z, 1 min before the alert". */
    String when(Instant at) {
        return "at " + Quantities.time(at) + ", " + relative(at);
    }

    String rate(String selectorExpression) {
        return "rate(" + selectorExpression + "[" + settings.rateWindow().toSeconds() + "s])";
    }

    /** The rate as it was {@code offset} earlier ({@code 1d}, {@code 7d}). */
    String rate(String selectorExpression, String offset) {
        return "rate(" + selectorExpression + "[" + settings.rateWindow().toSeconds() + "s] offset " + offset + ")";
    }

    Reads.Read<List<Series>> range(String what, String promql) {
        return new Reads.Read<>(what, () -> api.range(promql, window));
    }

    Reads.Read<List<Series>> range(String what, String promql, Window in) {
        return new Reads.Read<>(what, () -> api.range(promql, in));
    }

    /** A range read whose one series (or nothing) is what matters: {@code sum(...)}, {@code max(...)}. */
    Uni<Optional<Series>> single(String what, String promql) {
        return reads.one(range(what, promql)).map(found -> found.flatMap(list -> list.stream().filter(s -> !s.isEmpty()).findFirst()));
    }

    Uni<Optional<List<Series>>> many(String what, String promql) {
        return reads.one(range(what, promql));
    }

    Uni<Optional<List<Map<String, String>>>> series(String what, List<String> selectors) {
        return reads.one(new Reads.Read<>(what, () -> api.series(selectors, window.from(), window.to())));
    }
}
