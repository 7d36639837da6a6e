package io.inquest.investigation.engine.tools.prometheus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.inquest.events.Alert;
import io.inquest.investigation.engine.tools.alert.ReportedValue;
import io.smallrye.mutiny.Uni;

/**
 * The metric behind an alert that carries no PromQL (a Grafana rule, a PagerDuty or generic
 * alert): the one the alert names, else the metric whose series carry the labels of the value
 * the alert reports and whose sum over them came near that value around the alert's start. With
 * the threshold the alert states, that makes an expression whose course {@link AlertSignal}
 * reads like any other: when it crossed, whether it went back, how often it crossed.
 */
final class ReportedMetric {

    /** Labels that say how an alert is routed or grouped, not which series it measured. */
    private static final Set<String> ROUTING_LABELS = Set.of("alertname", "severity", "grafana_folder", "team", "priority", "prometheus",
            "receiver", "__alert_rule_uid__", "__alert_rule_namespace_uid__", "rulename", "alertgroup", "datasource_uid", "ref_id",
            "env", "environment", "owner", "tier", "oncall", "slo", "window", "burn_rate", "source", "component", "group", "class",
            "monitor", "tenant", "region", "cluster", "alertstate");
    /** Candidate metrics read at most: one range read each. */
    static final int MAX_CANDIDATES = 6;
    /** The metric's value must come within this factor of the reported value to be the one measured. */
    static final double WITHIN_FACTOR = 1.6;

    private ReportedMetric() {
    }

    /** The candidate and how it was read. */
    record Candidate(String metric, String expression, int overlap, boolean named) {
    }

    static Uni<Optional<AlertExpression>> find(Inquiry inquiry, ReportedValue reported) {
        if (reported.threshold().isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Alert alert = inquiry.subject().alert();
        Map<String, String> matchers = matchers(alert, reported);
        List<String> named = new ArrayList<>();
        reported.metric().ifPresent(named::add);
        ReportedValue.metricNamesIn(alert).stream().filter(n -> !named.contains(n)).forEach(named::add);
        if (matchers.isEmpty() && named.isEmpty() || reported.value().isEmpty() && named.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Selector selector = selector(matchers);
        List<String> selectors = new ArrayList<>();
        if (!named.isEmpty()) {
            selectors.add(selector.forNames(named));
            selectors.add(Selector.of().forNames(named));
        }
        if (!matchers.isEmpty()) {
            selectors.add("{" + selector.inner() + "}");
        }
        return inquiry.series("the series the alert's value may come from", selectors).flatMap(found -> {
            List<Candidate> candidates = candidates(found.orElse(List.of()), matchers, named, words(alert));
            if (candidates.isEmpty()) {
                return Uni.createFrom().item(Optional.<AlertExpression>empty());
            }
            List<Uni<Optional<Scored>>> reads = candidates.stream().map(c -> inquiry.reads()
                    .one(inquiry.range("the metric " + c.metric() + " the alert may report", c.expression(), inquiry.close()))
                    .map(answer -> answer.flatMap(list -> list.stream().filter(s -> !s.isEmpty()).findFirst())
                            .map(series -> new Scored(c, distance(series, reported.value()))))).toList();
            return Uni.join().all(reads).andFailFast().map(scored -> scored.stream().flatMap(Optional::stream)
                    // A named metric is taken as named only when the alert reports no value to check it against.
                    .filter(s -> s.distance() <= Math.log(WITHIN_FACTOR))
                    .min(Comparator.comparing((Scored s) -> !s.candidate().named())
                            .thenComparingDouble(Scored::distance)
                            .thenComparing(s -> -s.candidate().overlap()))
                    .map(s -> new AlertExpression(s.candidate().expression() + " " + reported.op() + " "
                            + Quantities.exact(reported.threshold().get()), s.candidate().expression(), reported.op(),
                            reported.threshold().get())));
        });
    }

    private record Scored(Candidate candidate, double distance) {
    }

    /** The labels of the reported series, else the alert's labels that are not about routing. */
    static Map<String, String> matchers(Alert alert, ReportedValue reported) {
        Map<String, String> source = reported.series().isEmpty() ? alert.labels() : reported.series();
        Map<String, String> out = new LinkedHashMap<>();
        new TreeSet<>(source.keySet()).forEach(k -> {
            String v = source.get(k);
            if (!ROUTING_LABELS.contains(k) && !k.startsWith("__") && v != null && !v.isBlank() && v.length() <= 200) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Selector selector(Map<String, String> matchers) {
        Selector s = Selector.of();
        for (Map.Entry<String, String> e : matchers.entrySet()) {
            s = s.and(e.getKey(), "=", e.getValue());
        }
        return s;
    }

    /**
     * The gauges among the series found (a counter's raw value is not what an alert reports),
     * each summed over the reported labels that its series carry; named ones first, then those
     * whose name shares most words with the alert's.
     */
    static List<Candidate> candidates(List<Map<String, String>> found, Map<String, String> matchers, List<String> named, Set<String> words) {
        Map<String, List<Map<String, String>>> byName = new LinkedHashMap<>();
        found.forEach(s -> {
            String name = s.get("__name__");
            if (name != null) {
                byName.computeIfAbsent(name, n -> new ArrayList<>()).add(s);
            }
        });
        List<Candidate> out = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, String>>> e : byName.entrySet()) {
            String name = e.getKey();
            boolean isNamed = named.contains(name);
            if (!isNamed && !gauge(name, byName.keySet())) {
                continue;
            }
            Map<String, String> carried = new LinkedHashMap<>();
            matchers.forEach((k, v) -> {
                if (e.getValue().stream().allMatch(s -> v.equals(s.get(k)))) {
                    carried.put(k, v);
                }
            });
            if (carried.isEmpty() && !isNamed) {
                continue;
            }
            String by = carried.isEmpty() ? "" : " by (" + String.join(", ", carried.keySet()) + ")";
            String expression = "sum" + by + " (" + selector(carried).of(name) + ")";
            out.add(new Candidate(name, expression, overlap(name, words), isNamed));
        }
        out.sort(Comparator.comparing((Candidate c) -> !c.named()).thenComparing(c -> -c.overlap()));
        return out.stream().limit(MAX_CANDIDATES).toList();
    }

    /** Not a counter, histogram bucket or info series, nor Prometheus' own ALERTS. */
    static boolean gauge(String name, Set<String> all) {
        if (name.startsWith("ALERTS") || name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_bucket")
                || name.endsWith("_created") || name.endsWith("_info")) {
            return false;
        }
        // A summary's _sum goes with its _count; a gauge may be called ..._sum too (kafka_exporter's lag sum).
        return !(name.endsWith("_sum") && all.contains(name.substring(0, name.length() - 4) + "_count"));
    }

    /** How far the series came from the value (log ratio, at its nearest point); 0 without a value. */
    static double distance(Series series, Optional<Double> value) {
        if (value.isEmpty()) {
            return 0;
        }
        double v = value.get();
        return series.points().stream().mapToDouble(p -> p.value() == v ? 0
                : p.value() <= 0 || v <= 0 ? Double.MAX_VALUE : Math.abs(Math.log(p.value() / v))).min().orElse(Double.MAX_VALUE);
    }

    /** The words of the alert's name and summary: "EmailDispatcherConsumerLag" → email, dispatcher, consumer, lag. */
    static Set<String> words(Alert alert) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : new String[] {alert.title(), alert.summary(), alert.labels().get("alertname")}) {
            if (text == null) {
                continue;
            }
            for (String w : text.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (w.length() >= 3) {
                    words.add(w);
                }
            }
        }
        return words;
    }

    private static int overlap(String metric, Set<String> words) {
        int n = 0;
        for (String part : metric.toLowerCase(Locale.ROOT).split("_")) {
            if (words.contains(part)) {
                n++;
            }
        }
        return n;
    }
}
