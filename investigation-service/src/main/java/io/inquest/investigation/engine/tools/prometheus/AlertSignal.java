package io.inquest.investigation.engine.tools.prometheus;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.tools.alert.ReportedValue;
import io.smallrye.mutiny.Uni;

/**
 * The alert's own signal around its start, read twice (the wide window, and close to the start at
 * the fine step so a 20-second spike shows) and summed up as a {@link SignalCourse}: baseline,
 * peak, when it crossed the threshold, whether and when it recovered, whether it still fires,
 * how often it crossed.
 */
final class AlertSignal {

    private AlertSignal() {
    }

    static Uni<Optional<Observation>> read(Inquiry inquiry, AlertExpression expression) {
        String query = expression.signal();
        Uni<Optional<List<Series>>> wide = inquiry.reads().one(inquiry.range("the alert's expression", query));
        Uni<Optional<List<Series>>> close = inquiry.close().finerThan(inquiry.window())
                ? inquiry.reads().one(inquiry.range("the alert's expression, close to its start", query, inquiry.close()))
                : Uni.createFrom().item(Optional.empty());
        return Uni.combine().all().unis(wide, close).asTuple().map(t -> {
            if (t.getItem1().isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> alertLabels = inquiry.subject().alert().labels();
            Optional<Series> chosen = choose(t.getItem1().get(), alertLabels, expression);
            if (chosen.isEmpty()) {
                return Optional.of(noData(inquiry, expression));
            }
            Series series = chosen.get();
            Series fine = t.getItem2().flatMap(list -> list.stream().filter(s -> s.labels().equals(series.labels())).findFirst())
                    .orElse(Series.of(series.labels(), List.of()));
            Series merged = series.refinedBy(fine);
            long step = fine.isEmpty() ? inquiry.window().step().toSeconds()
                    : Math.max(inquiry.window().step().toSeconds(), inquiry.close().step().toSeconds());
            return SignalCourse.of(merged, expression, inquiry.alertStart(), inquiry.window().to(), step)
                    .map(course -> observation(inquiry, expression, series, course));
        });
    }

    /**
     * The series the alert is about: the one whose labels agree with the alert's (most agreeing
     * first); with none agreeing, the only one, else the most extreme.
     */
    static Optional<Series> choose(List<Series> series, Map<String, String> alertLabels, AlertExpression expression) {
        List<Series> withData = series.stream().filter(s -> !s.isEmpty()).toList();
        if (withData.isEmpty()) {
            return Optional.empty();
        }
        Comparator<Series> extreme = Comparator.comparingDouble(s -> expression.firesLow()
                ? -s.min().orElseThrow().value() : s.max().orElseThrow().value());
        Optional<Series> agreeing = withData.stream()
                .filter(s -> s.labels().entrySet().stream()
                        .allMatch(e -> !alertLabels.containsKey(e.getKey()) || alertLabels.get(e.getKey()).equals(e.getValue())))
                .max(Comparator.<Series>comparingLong(s -> s.labels().keySet().stream().filter(alertLabels::containsKey).count())
                        .thenComparing(extreme));
        return agreeing.or(() -> withData.stream().max(extreme));
    }

    /**
     * The signal of an alert that carried no expression, read from the metric behind the value it
     * reports: what it reports comes first, then what Prometheus shows of that metric.
     */
    static Observation asReported(Observation signal, ReportedValue reported) {
        Map<String, String> attributes = new java.util.LinkedHashMap<>(signal.attributes());
        reported.value().ifPresent(v -> attributes.put("reported", ReportedValue.plain(v)));
        if (reported.thresholdFrom() != null) {
            attributes.put("thresholdFrom", reported.thresholdFrom());
        }
        attributes.put("readFrom", "the metric whose series carry the alert's labels and came near its value");
        return new Observation(null, signal.source(), signal.signal(), signal.subject(),
                reported.describe() + "; in Prometheus " + signal.text(), signal.at(), attributes);
    }

    private static Observation noData(Inquiry inquiry, AlertExpression expression) {
        return Observation.of(Inquiry.SOURCE, Signal.ALERT_SIGNAL, "metric/" + expression.expr())
                .attr("expr", expression.expr()).attr("signal", expression.signal()).attr("op", expression.op())
                .attr("threshold", expression.threshold() == null ? null : Quantities.number(expression.threshold()))
                .attr("windowEnd", inquiry.window().to()).attr("noData", true)
                .text("the alert's expression " + expression.expr() + " has no data in Prometheus between "
                        + Quantities.time(inquiry.window().from()) + " and " + Quantities.time(inquiry.window().to())
                        + ": what it alerted on cannot be seen here");
    }

    static Observation observation(Inquiry inquiry, AlertExpression expression, Series series, SignalCourse course) {
        String threshold = expression.hasThreshold() ? Quantities.exact(expression.threshold()) : null;
        Instant windowStart = inquiry.window().from();
        long step = inquiry.window().step().toSeconds();
        boolean beganLate = course.firstValue().epochSecond() - windowStart.getEpochSecond() > 2 * step;
        boolean pastFromTheStart = course.crossedAt().map(c -> c.getEpochSecond() - windowStart.getEpochSecond() <= step).orElse(false);

        Map<String, String> labels = new java.util.TreeMap<>(series.labels());
        labels.remove("__name__");
        boolean equality = "==".equals(expression.op()) || "!=".equals(expression.op());
        StringBuilder text = new StringBuilder("the alert's signal ").append(expression.signal());
        if (!labels.isEmpty()) {
            text.append(' ').append(labels);
        }
        text.append(": ");
        if (expression.hasThreshold()) {
            if (course.baseline().isPresent()) {
                text.append("baseline ").append(Quantities.number(course.baseline().get())).append(", ");
            } else if (beganLate) {
                text.append("no value before ").append(Quantities.time(course.firstValue().at())).append(" (the series did not exist), ");
            }
            if (course.crossedAt().isPresent()) {
                text.append(pastFromTheStart ? "already " + expression.op() + " " + threshold + " at the start of the read "
                        + Quantities.time(course.crossedAt().get()) : "crossed " + expression.op() + " " + threshold + " "
                        + inquiry.when(course.crossedAt().get()));
            } else {
                text.append("never crossed ").append(expression.op()).append(' ').append(threshold).append(" between ")
                        .append(Quantities.time(windowStart)).append(" and ").append(Quantities.time(inquiry.window().to()));
            }
            if (!equality) {
                text.append("; peak ").append(Quantities.number(course.peak().value())).append(' ').append(inquiry.when(course.peak().at()));
            }
        } else {
            text.append(course.crossedAt().map(c -> "the alert's condition held from " + Quantities.time(c) + ", " + inquiry.relative(c))
                    .orElse("no value"));
        }
        if (course.recoveredAt().isPresent()) {
            text.append(!expression.hasThreshold() ? "; the condition stopped holding "
                    : equality ? "; no longer " + expression.op() + " " + threshold + " "
                    : "; back " + (expression.firesLow() ? "above " : "under ") + threshold + " ").append(inquiry.when(course.recoveredAt().get()))
                    .append(" and stayed so to ").append(Quantities.time(inquiry.window().to()))
                    .append(" (").append(Quantities.number(course.last().value())).append(" at the last point read, ")
                    .append(Quantities.time(course.last().at())).append(')');
        } else if (course.firing()) {
            text.append("; still firing at ").append(Quantities.time(course.last().at())).append(" (")
                    .append(Quantities.number(course.last().value())).append(", the last point read)");
        }
        if (course.flapping()) {
            text.append("; it crossed ").append(course.crossings()).append(" times in the window: flapping");
        }

        Instant crossed = course.crossedAt().orElse(null);
        return Observation.of(Inquiry.SOURCE, Signal.ALERT_SIGNAL, "metric/" + expression.expr()).at(crossed)
                .attr("expr", expression.expr()).attr("signal", expression.signal()).attr("op", expression.op())
                .attr("threshold", threshold)
                .attr("baseline", course.baseline().map(Quantities::exact).orElse(null))
                .attr("peak", Quantities.exact(course.peak().value())).attr("peakAt", course.peak().at())
                .attr("last", Quantities.exact(course.last().value())).attr("lastAt", course.last().at())
                .attr("crossedAt", crossed)
                .attr("recoveredAt", course.recoveredAt().orElse(null))
                .attr("firing", course.firing())
                .attr("crossings", course.crossings())
                .attr("flapping", course.flapping())
                .attr("absentBefore", beganLate ? course.firstValue().at() : null)
                .attr("series", labels.isEmpty() ? null : labels.toString())
                .attr("windowStart", windowStart).attr("windowEnd", inquiry.window().to())
                .attr("step", inquiry.window().step().toSeconds() + "s")
                .text(text.toString());
    }
}
