package io.inquest.investigation.engine.tools.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.tools.prometheus.ServiceSeries.Http;
import io.smallrye.mutiny.Uni;

/**
 * A service's RED signals from its HTTP series: request rate (against the same hour's baseline:
 * a traffic surge), error ratio (the share of 5xx answers) and p99 latency (from the histogram
 * buckets, else the exported 0.99 quantile, else the mean, said so).
 */
final class RedSignals {

    /** An error ratio from this share on, clearly above its baseline, is abnormal. */
    static final double ERROR_RATIO_ABNORMAL = 0.05;
    /**
     * An error ratio is compared with its baseline, or with this when the baseline is lower:
     * from 0.1 % to 0.2 % is not "twice the errors".
     */
    static final double ERROR_RATIO_FLOOR = 0.01;
    /** A p99 at least this many times its baseline, and 100 ms above it, is abnormal. */
    static final double LATENCY_FACTOR = 2;

    private RedSignals() {
    }

    static Uni<List<Observation>> read(Inquiry inquiry, ServiceSeries target) {
        if (target.http().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Http http = target.http().get();
        String total = "sum(" + inquiry.rate(http.selector().of(http.counter())) + ")";
        String errors = http.errors() == null ? null : "sum(" + inquiry.rate(http.selector().of(http.counter(), http.errors())) + ")";
        Uni<Optional<Series>> totalRead = inquiry.single("request rate of " + target.of(), total);
        Uni<Optional<Series>> errorRead = errors == null ? Uni.createFrom().item(Optional.empty())
                : inquiry.single("errors of " + target.of(), errors);
        Uni<Optional<Latency>> latencyRead = latency(inquiry, target, http);
        Uni<Optional<Baseline>> baselineRead = sameHourBaseline(inquiry, target, http, total);
        return Uni.combine().all().unis(totalRead, errorRead, latencyRead, baselineRead).asTuple().map(t -> {
            List<Observation> out = new ArrayList<>();
            t.getItem1().ifPresent(rate -> {
                requestRate(inquiry, target, total, rate, t.getItem4()).forEach(out::add);
                if (errors != null) {
                    errorRatio(inquiry, target, total, errors, rate, t.getItem2()).ifPresent(out::add);
                }
            });
            t.getItem3().flatMap(l -> latencyFact(inquiry, target, l)).ifPresent(out::add);
            return out;
        });
    }

    // --- request rate and surges ----------------------------------------------------------------

    /** The same hour's request rate: a day before, else a week before, else the hour before the window. */
    record Baseline(double rate, String window, String query) {
    }

    static Uni<Optional<Baseline>> sameHourBaseline(Inquiry inquiry, ServiceSeries target, Http http, String total) {
        Window around = inquiry.window();
        String counter = http.selector().of(http.counter());
        String dayQuery = "sum(" + inquiry.rate(counter, "1d") + ")";
        String weekQuery = "sum(" + inquiry.rate(counter, "7d") + ")";
        Window before = around.before(Duration.ofHours(1));
        return inquiry.single("request rate of " + target.of() + " a day earlier", dayQuery)
                .flatMap(day -> {
                    Optional<Baseline> b = sameHour(inquiry, day, "the same hour 1 day earlier", dayQuery);
                    if (b.isPresent()) {
                        return Uni.createFrom().item(b);
                    }
                    return inquiry.single("request rate of " + target.of() + " a week earlier", weekQuery).flatMap(week -> {
                        Optional<Baseline> w = sameHour(inquiry, week, "the same hour 7 days earlier", weekQuery);
                        if (w.isPresent()) {
                            return Uni.createFrom().item(w);
                        }
                        return inquiry.reads().one(inquiry.range("request rate of " + target.of() + " the hour before", total, before))
                                .map(found -> found.flatMap(list -> list.stream().filter(s -> !s.isEmpty()).findFirst())
                                        .flatMap(Series::median)
                                        .map(rate -> new Baseline(rate, "the hour before " + Quantities.time(around.from()), total)));
                    });
                });
    }

    /** The shifted series around the alert's start (±30 min): the same hour, on that day. */
    private static Optional<Baseline> sameHour(Inquiry inquiry, Optional<Series> shifted, String label, String query) {
        Instant start = inquiry.alertStart();
        return shifted.map(s -> s.between(start.minus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(30))))
                .filter(s -> s.points().size() >= 3)
                .flatMap(Series::median)
                .map(rate -> new Baseline(rate, label, query));
    }

    /**
     * The rate around the alert's start: the highest within 5 min of it. The rate is already
     * smoothed over the rate window, and a burst that began a minute before the alert is still
     * climbing in it at the start.
     */
    static double aroundStart(Series rate, Instant start) {
        return rate.between(start.minus(Duration.ofMinutes(5)), start.plus(Duration.ofMinutes(5))).max().map(Series.Point::value)
                .or(() -> rate.median()).orElse(0.0);
    }

    static List<Observation> requestRate(Inquiry inquiry, ServiceSeries target, String query, Series rate, Optional<Baseline> sameHour) {
        MetricFact fact = MetricFact.of(rate, inquiry, 0.1).orElseThrow();
        double value = aroundStart(rate, inquiry.alertStart());
        Window window = inquiry.window();
        // A request counter exists from its first request on: no points before means none were counted.
        boolean countedFromLater = rate.first().map(p -> p.epochSecond() - window.from().getEpochSecond() > 2 * window.step().toSeconds())
                .orElse(false);
        Optional<Double> baseline = sameHour.map(Baseline::rate).or(fact::baseline);
        String against = sameHour.map(Baseline::window).orElse("its rate before the alert");
        if (sameHour.isEmpty() && countedFromLater) {
            baseline = Optional.of(0.0);
            against = "its rate before " + Quantities.time(rate.first().get().at()) + ", when none were counted";
        }
        // A baseline of a handful of requests is no baseline: it is compared with at least the minimum rate.
        double minimum = inquiry.settings().surgeMinRate();
        Double ratio = baseline.map(b -> value / Math.max(b, minimum)).orElse(null);
        double surge = inquiry.settings().surgeRatio();
        boolean surging = ratio != null && ratio >= surge && "service".equals(target.scope());
        boolean dropped = ratio != null && baseline.get() >= minimum && ratio <= 1 / surge;
        String compared = baseline.map(b -> " (" + Quantities.perSecond(b) + (b < minimum ? ", taken as " + Quantities.perSecond(minimum) : "")
                + ")").orElse("");
        String name = "request rate of " + target.of() + " (" + query + ")";
        String text = name + ": up to " + Quantities.perSecond(value) + " around the alert"
                + (ratio == null ? "" : ", " + Quantities.number(ratio) + "× " + against + compared)
                + (fact.peak().value() > value * 1.2 ? "; peak " + Quantities.perSecond(fact.peak().value()) + " "
                        + inquiry.when(fact.peak().at()) : "")
                + (dropped ? "; traffic dropped" : surging ? "; far above it" : ratio == null ? "" : "; not a surge");
        List<Observation> out = new ArrayList<>();
        out.add(fact.metric(inquiry, target.scope(), target.of(), "request_rate", query, "req/s")
                .attr("value", Quantities.exact(value))
                .attr("baseline", baseline.map(Quantities::exact).orElse(null))
                .attr("baselineWindow", against)
                .attr("ratio", ratio == null ? null : Quantities.number(ratio))
                .attr("abnormal", surging || dropped)
                .text(text));
        if (surging) {
            Instant rose = rose(rate, Math.max(baseline.get(), minimum) * surge, inquiry.alertStart())
                    .orElse(fact.changedAt().map(ChangePoint::at).orElse(inquiry.alertStart()));
            out.add(Observation.of(Inquiry.SOURCE, Signal.TRAFFIC_SURGE, "metric/" + target.of() + "/request_rate").at(rose)
                    .attr("of", target.of()).attr("value", Quantities.exact(value))
                    .attr("baseline", Quantities.exact(baseline.get())).attr("ratio", Quantities.number(ratio))
                    .attr("baselineWindow", against).attr("query", query)
                    // No series before: the requests were not counted (or not kept), which is weaker than a measured baseline.
                    .attr("baselineAbsent", sameHour.isEmpty() && countedFromLater)
                    .attr("baselineQuery", sameHour.map(Baseline::query).orElse(query))
                    .attr("peak", Quantities.exact(fact.peak().value()))
                    .text("traffic surge on " + target.of() + ": up to " + Quantities.perSecond(value) + " around the alert, "
                            + Quantities.number(ratio) + "× " + against + compared + "; it rose past "
                            + Quantities.number(surge) + "× " + inquiry.when(rose)
                            + (fact.peak().value() > value * 1.2 ? "; peak " + Quantities.perSecond(fact.peak().value()) : "")));
        }
        return out;
    }

    /**
     * When the rate rose past {@code level} for the stretch that is above it around the alert's
     * start (the highest point within 5 min of it): an earlier burst is another story.
     */
    static Optional<Instant> rose(Series rate, double level, Instant start) {
        List<Series.Point> points = rate.points();
        Optional<Series.Point> high = rate.between(start.minus(Duration.ofMinutes(5)), start.plus(Duration.ofMinutes(5))).max();
        if (high.isEmpty() || high.get().value() < level) {
            return Optional.empty();
        }
        int i = points.indexOf(high.get());
        while (i > 0 && points.get(i - 1).value() >= level) {
            i--;
        }
        return Optional.of(points.get(i).at());
    }

    // --- errors ------------------------------------------------------------------------------------

    static Optional<Observation> errorRatio(Inquiry inquiry, ServiceSeries target, String totalQuery, String errorQuery, Series total,
            Optional<Series> errors) {
        // No error series at a time means no errors then: a 5xx counter only exists after the first 5xx.
        Series ratio = total.filter(p -> p.value() > 0).combine(errors.orElse(Series.of(total.labels(), List.of())), 0.0,
                (all, failed) -> failed / all);
        Optional<MetricFact> found = MetricFact.of(ratio, inquiry, 0.01);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MetricFact fact = found.get();
        String query = errorQuery + " / " + totalQuery;
        double base = fact.baseline().orElse(0.0);
        boolean abnormal = fact.peak().value() >= ERROR_RATIO_ABNORMAL && fact.rose(2, 0.01);
        String name = "error ratio of " + target.of() + " (5xx share of " + errorQuery.replaceAll("^sum\\(rate\\((\\w+)\\{.*$", "$1") + ")";
        String text;
        if (fact.changedAt().isPresent() && abnormal) {
            ChangePoint c = fact.changedAt().get();
            text = name + " rose from " + Quantities.percent(base) + " " + inquiry.when(c.at())
                    + "; peak " + Quantities.percent(fact.peak().value()) + " " + inquiry.when(fact.peak().at())
                    + "; " + Quantities.percent(fact.value()) + " at the alert's start";
        } else if (abnormal) {
            text = name + " was " + Quantities.percent(fact.value()) + " at the alert's start, peak " + Quantities.percent(fact.peak().value())
                    + " " + inquiry.when(fact.peak().at()) + " (baseline " + Quantities.percent(base) + ")";
        } else {
            text = name + " stayed low: " + Quantities.percent(fact.value()) + " at the alert's start, peak "
                    + Quantities.percent(fact.peak().value()) + " (baseline " + Quantities.percent(base) + ")";
        }
        return Optional.of(fact.metric(inquiry, target.scope(), target.of(), "error_ratio", query, "ratio")
                .attr("ratio", Quantities.number(fact.peak().value() / Math.max(base, ERROR_RATIO_FLOOR)))
                .attr("abnormal", abnormal).text(text));
    }

    // --- latency -----------------------------------------------------------------------------------

    record Latency(Series series, String query, String metric, String how) {
    }

    /** From histogram buckets, else the exported 0.99 quantile, else the mean (named latency_mean). */
    static Uni<Optional<Latency>> latency(Inquiry inquiry, ServiceSeries target, Http http) {
        String base = http.family().histogram();
        if (base == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        Selector sel = http.selector();
        String scale = http.family().milliseconds() ? " / 1000" : "";
        String buckets = "histogram_quantile(0.99, sum by (le) (" + inquiry.rate(sel.of(base + "_bucket")) + "))" + scale;
        String quantile = "max(" + sel.of(base, "quantile=\"0.99\"") + ")" + scale;
        String mean = "sum(" + inquiry.rate(sel.of(base + "_sum")) + ") / sum(" + inquiry.rate(sel.of(base + "_count")) + ")" + scale;
        String what = "latency of " + target.of();
        return inquiry.single(what, buckets).flatMap(b -> b.isPresent()
                ? Uni.createFrom().item(b.map(s -> new Latency(s, buckets, "latency_p99", "p99 latency")))
                : inquiry.single(what, quantile).flatMap(q -> q.isPresent()
                        ? Uni.createFrom().item(q.map(s -> new Latency(s, quantile, "latency_p99", "p99 latency")))
                        : inquiry.single(what, mean).map(s -> s.map(x -> new Latency(x, mean, "latency_mean",
                                "mean latency (no histogram buckets or quantiles are exported)")))));
    }

    static Optional<Observation> latencyFact(Inquiry inquiry, ServiceSeries target, Latency latency) {
        return MetricFact.of(latency.series(), inquiry, 0.05).map(fact -> {
            double base = fact.baseline().orElse(0.0);
            boolean abnormal = fact.rose(LATENCY_FACTOR, 0.1);
            String name = latency.how() + " of " + target.of();
            String text;
            if (abnormal && fact.changedAt().isPresent()) {
                ChangePoint c = fact.changedAt().get();
                text = name + " rose from " + Quantities.seconds(base) + " " + inquiry.when(c.at())
                        + "; peak " + Quantities.seconds(fact.peak().value()) + " " + inquiry.when(fact.peak().at());
            } else if (abnormal) {
                text = name + " peaked at " + Quantities.seconds(fact.peak().value()) + " " + inquiry.when(fact.peak().at())
                        + " (baseline " + Quantities.seconds(base) + ")";
            } else {
                text = name + " stayed near its baseline: " + Quantities.seconds(fact.value()) + " at the alert's start, peak "
                        + Quantities.seconds(fact.peak().value()) + " (baseline " + Quantities.seconds(base) + ")";
            }
            return fact.metric(inquiry, target.scope(), target.of(), latency.metric(), latency.query(), "seconds")
                    .attr("ratio", base > 0 ? Quantities.number(fact.peak().value() / base) : null)
                    .attr("abnormal", abnormal).text(text);
        });
    }
}
