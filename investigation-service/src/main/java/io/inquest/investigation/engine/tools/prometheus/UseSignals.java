package io.inquest.investigation.engine.tools.prometheus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.inquest.investigation.engine.Observation;
import io.smallrye.mutiny.Uni;

/**
 * A service's USE signals from its containers' series, container by container (a limit is per
 * container, so a sum over pods would hide the one at its limit): CPU usage against the CPU
 * limit, CFS throttling, memory (working set) against the memory limit, restarts with the last
 * termination reason. The container nearest its limit is the one reported.
 */
final class UseSignals {

    /** Usage from this share of the limit on is at the limit. */
    static final double AT_LIMIT = 0.9;
    /** Throttled in this share of CFS periods or more is throttled. */
    static final double THROTTLED = 0.25;

    private UseSignals() {
    }

    /** The series of one container, by pod and container name. */
    record Key(String pod, String container) {

        String label() {
            return pod + "/" + container;
        }
    }

    static Uni<List<Observation>> read(Inquiry inquiry, ServiceSeries target) {
        Map<String, Selector> found = target.containers();
        if (found.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        PrometheusSettings.Metrics m = inquiry.settings().metrics();
        PrometheusSettings.Labels l = inquiry.settings().labels();
        String by = "max by (" + l.pod() + ", " + l.container() + ") ";
        String sumBy = "sum by (" + l.pod() + ", " + l.container() + ") ";
        // cAdvisor also exports the pod's own cgroup (container="") and the pause container (POD).
        String[] real = {l.container() + "!=\"\"", l.container() + "!=\"POD\""};

        List<Uni<List<Observation>>> parts = new ArrayList<>();
        if (found.containsKey(m.cpuUsage())) {
            String usage = sumBy + "(" + inquiry.rate(found.get(m.cpuUsage()).of(m.cpuUsage(), real)) + ")";
            Uni<Optional<List<Series>>> limit = cpuLimit(inquiry, found, by, real);
            parts.add(Uni.combine().all().unis(inquiry.many("CPU usage of " + target.of(), usage), limit).asTuple()
                    .map(t -> t.getItem1().map(u -> cpu(inquiry, target, usage, u, t.getItem2().orElse(List.of()))).orElse(List.of())));
        }
        if (found.containsKey(m.cpuThrottledPeriods()) && found.containsKey(m.cpuPeriods())) {
            String throttled = sumBy + "(" + inquiry.rate(found.get(m.cpuThrottledPeriods()).of(m.cpuThrottledPeriods(), real)) + ") / "
                    + sumBy + "(" + inquiry.rate(found.get(m.cpuPeriods()).of(m.cpuPeriods(), real)) + ")";
            parts.add(inquiry.many("CPU throttling of " + target.of(), throttled)
                    .map(s -> s.map(list -> throttling(inquiry, target, throttled, list)).orElse(List.of())));
        }
        if (found.containsKey(m.memoryWorkingSet())) {
            String usage = by + "(" + found.get(m.memoryWorkingSet()).of(m.memoryWorkingSet(), real) + ")";
            Uni<Optional<List<Series>>> limit = memoryLimit(inquiry, found, by, real);
            parts.add(Uni.combine().all().unis(inquiry.many("memory of " + target.of(), usage), limit).asTuple()
                    .map(t -> t.getItem1().map(u -> memory(inquiry, target, usage, u, t.getItem2().orElse(List.of()))).orElse(List.of())));
        }
        if (found.containsKey(m.restarts())) {
            String restarts = by + "(" + found.get(m.restarts()).of(m.restarts()) + ")";
            Uni<Optional<List<Series>>> reasons = found.containsKey(m.lastTerminatedReason())
                    ? inquiry.many("termination reasons of " + target.of(), "max by (" + l.pod() + ", " + l.container() + ", reason) ("
                            + found.get(m.lastTerminatedReason()).of(m.lastTerminatedReason()) + ") > 0")
                    : Uni.createFrom().item(Optional.empty());
            parts.add(Uni.combine().all().unis(inquiry.many("restarts of " + target.of(), restarts), reasons).asTuple()
                    .map(t -> t.getItem1().map(r -> restarts(inquiry, target, restarts, r, t.getItem2().orElse(List.of())))
                            .orElse(List.of())));
        }
        if (parts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(parts).andFailFast().map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    /** kube-state-metrics' limit, else cAdvisor's CFS quota over period. */
    private static Uni<Optional<List<Series>>> cpuLimit(Inquiry inquiry, Map<String, Selector> found, String by, String[] real) {
        PrometheusSettings.Metrics m = inquiry.settings().metrics();
        Uni<Optional<List<Series>>> cadvisor = found.containsKey(m.cpuQuota()) && found.containsKey(m.cpuPeriod())
                ? inquiry.many("CPU limits", by + "(" + found.get(m.cpuQuota()).of(m.cpuQuota(), real) + " > 0) / " + by + "("
                        + found.get(m.cpuPeriod()).of(m.cpuPeriod(), real) + ")")
                : Uni.createFrom().item(Optional.empty());
        if (!found.containsKey(m.resourceLimits())) {
            return cadvisor;
        }
        return inquiry.many("CPU limits", by + "(" + found.get(m.resourceLimits()).of(m.resourceLimits(), "resource=\"cpu\"") + ")")
                .flatMap(ksm -> ksm.filter(list -> !list.isEmpty()).isPresent() ? Uni.createFrom().item(ksm) : cadvisor);
    }

    /** cAdvisor's limit (0 is none), else kube-state-metrics'. */
    private static Uni<Optional<List<Series>>> memoryLimit(Inquiry inquiry, Map<String, Selector> found, String by, String[] real) {
        PrometheusSettings.Metrics m = inquiry.settings().metrics();
        Uni<Optional<List<Series>>> ksm = found.containsKey(m.resourceLimits())
                ? inquiry.many("memory limits", by + "(" + found.get(m.resourceLimits()).of(m.resourceLimits(), "resource=\"memory\"") + ")")
                : Uni.createFrom().item(Optional.empty());
        if (!found.containsKey(m.memoryLimit())) {
            return ksm;
        }
        return inquiry.many("memory limits", by + "(" + found.get(m.memoryLimit()).of(m.memoryLimit(), real) + " > 0)")
                .flatMap(cadvisor -> cadvisor.filter(list -> !list.isEmpty()).isPresent() ? Uni.createFrom().item(cadvisor) : ksm);
    }

    private static Map<Key, Series> byContainer(Inquiry inquiry, List<Series> series) {
        PrometheusSettings.Labels l = inquiry.settings().labels();
        Map<Key, Series> out = new LinkedHashMap<>();
        series.stream().filter(s -> !s.isEmpty()).forEach(s -> out.put(new Key(s.label(l.pod()), s.label(l.container())), s));
        return out;
    }

    /** The limit of a container: its highest value in the window (a limit is constant while the pod lives). */
    private static Optional<Double> limitOf(Map<Key, Series> limits, Key key) {
        return Optional.ofNullable(limits.get(key)).flatMap(Series::max).map(Series.Point::value).filter(v -> v > 0);
    }

    /** Per container: usage fact and limit; the one with the highest peak against its limit (or highest peak) first. */
    private record Reading(Key key, MetricFact fact, Optional<Double> limit) {

        double pressure() {
            return limit.map(l -> fact.peak().value() / l).orElse(-1.0);
        }
    }

    private static Optional<Reading> worst(Inquiry inquiry, List<Series> usage, List<Series> limits, double floor, double relative) {
        Map<Key, Series> limit = byContainer(inquiry, limits);
        return byContainer(inquiry, usage).entrySet().stream()
                .map(e -> MetricFact.of(e.getValue(), inquiry, floor, relative)
                        .map(f -> new Reading(e.getKey(), f, limitOf(limit, e.getKey()))))
                .flatMap(Optional::stream)
                .max(Comparator.comparingDouble(Reading::pressure).thenComparingDouble(r -> r.fact().peak().value()));
    }

    static List<Observation> cpu(Inquiry inquiry, ServiceSeries target, String query, List<Series> usage, List<Series> limits) {
        return worst(inquiry, usage, limits, 0.05, 0.5).map(r -> {
            MetricFact f = r.fact();
            boolean abnormal = r.limit().isPresent() && r.pressure() >= AT_LIMIT;
            String text = "CPU usage of " + target.of() + " (rate of " + inquiry.settings().metrics().cpuUsage() + ", container "
                    + r.key().label() + ") peaked at " + Quantities.coresText(f.peak().value()) + " " + inquiry.when(f.peak().at())
                    + r.limit().map(l -> " = " + Quantities.percent(f.peak().value() / l) + " of its limit of " + Quantities.coresText(l))
                            .orElse(" (no CPU limit found)")
                    + f.baseline().map(b -> "; " + Quantities.coresText(b) + " before").orElse("")
                    + f.changedAt().map(c -> "; it rose " + inquiry.when(c.at())).orElse("");
            return List.of(f.metric(inquiry, target.scope(), target.of(), "cpu_usage", query, "cores")
                    .attr("pod", r.key().pod()).attr("container", r.key().container())
                    .attr("limit", r.limit().map(Quantities::exact).orElse(null))
                    .attr("limitCores", r.limit().map(Quantities::exact).orElse(null))
                    .attr("limitQuantity", r.limit().map(Quantities::cores).orElse(null))
                    .attr("ratio", r.limit().map(l -> Quantities.number(f.peak().value() / l)).orElse(null))
                    .attr("abnormal", abnormal).text(text));
        }).orElse(List.of());
    }

    static List<Observation> throttling(Inquiry inquiry, ServiceSeries target, String query, List<Series> ratios) {
        return worst(inquiry, ratios, List.of(), 0.05, 0.5).map(r -> {
            MetricFact f = r.fact();
            boolean abnormal = f.peak().value() >= THROTTLED;
            String text = "CPU of " + target.of() + " (container " + r.key().label() + ") was throttled in "
                    + Quantities.percent(f.peak().value()) + " of its CFS periods at peak " + inquiry.when(f.peak().at())
                    + " (" + inquiry.settings().metrics().cpuThrottledPeriods() + " / " + inquiry.settings().metrics().cpuPeriods() + ")"
                    + f.baseline().map(b -> ", " + Quantities.percent(b) + " before").orElse("")
                    + (abnormal ? "" : ": not throttled enough to matter");
            return List.of(f.metric(inquiry, target.scope(), target.of(), "cpu_throttling", query, "ratio")
                    .attr("pod", r.key().pod()).attr("container", r.key().container())
                    .attr("ratio", Quantities.number(f.peak().value())).attr("abnormal", abnormal).text(text));
        }).orElse(List.of());
    }

    static List<Observation> memory(Inquiry inquiry, ServiceSeries target, String query, List<Series> usage, List<Series> limits) {
        return worst(inquiry, usage, limits, 16 * 1024 * 1024, 0.1).map(r -> {
            MetricFact f = r.fact();
            boolean abnormal = r.limit().isPresent() && r.pressure() >= AT_LIMIT;
            String text = inquiry.settings().metrics().memoryWorkingSet() + " of " + target.of() + " (container " + r.key().label()
                    + ") reached " + Quantities.bytes(f.peak().value())
                    + r.limit().map(l -> " = " + Quantities.percent(f.peak().value() / l) + " of its " + Quantities.bytes(l) + " limit")
                            .orElse(" (no memory limit found)")
                    + " " + inquiry.when(f.peak().at())
                    + f.baseline().map(b -> "; " + Quantities.bytes(b) + " before").orElse("")
                    + f.changedAt().map(c -> "; it rose " + inquiry.when(c.at())).orElse("");
            return List.of(f.metric(inquiry, target.scope(), target.of(), "memory_usage", query, "bytes")
                    .attr("pod", r.key().pod()).attr("container", r.key().container())
                    .attr("limit", r.limit().map(Quantities::exact).orElse(null))
                    .attr("limitBytes", r.limit().map(v -> String.valueOf(Math.round(v))).orElse(null))
                    .attr("limitQuantity", r.limit().map(Quantities::bytes).orElse(null))
                    .attr("peakQuantity", Quantities.bytes(f.peak().value()))
                    .attr("ratio", r.limit().map(l -> Quantities.number(f.peak().value() / l)).orElse(null))
                    .attr("abnormal", abnormal).text(text));
        }).orElse(List.of());
    }

    static List<Observation> restarts(Inquiry inquiry, ServiceSeries target, String query, List<Series> counters, List<Series> reasons) {
        Map<Key, Series> byKey = byContainer(inquiry, counters);
        if (byKey.isEmpty()) {
            return List.of();
        }
        long start = inquiry.alertStart().getEpochSecond();
        double total = 0;
        double beforeAlert = 0;
        Key most = null;
        double mostRestarts = 0;
        Series.Point first = null;
        for (Map.Entry<Key, Series> e : byKey.entrySet()) {
            double increase = e.getValue().increase();
            total += increase;
            beforeAlert += e.getValue().filter(p -> p.epochSecond() <= start).increase();
            if (increase > mostRestarts) {
                mostRestarts = increase;
                most = e.getKey();
            }
            Optional<Series.Point> rise = e.getValue().firstRise();
            if (rise.isPresent() && (first == null || rise.get().epochSecond() < first.epochSecond())) {
                first = rise.get();
            }
        }
        PrometheusSettings.Labels l = inquiry.settings().labels();
        Key worst = most;
        Optional<String> reason = reasons.stream()
                .filter(s -> worst == null || (worst.pod().equals(s.label(l.pod())) && worst.container().equals(s.label(l.container()))))
                .map(s -> s.label("reason")).filter(r -> r != null && !r.isBlank()).findFirst();
        long count = Math.round(total);
        String text = count == 0
                ? "containers of " + target.of() + " did not restart between " + Quantities.time(inquiry.window().from()) + " and "
                        + Quantities.time(inquiry.window().to()) + " (" + byKey.size() + " container(s), " + inquiry.settings().metrics().restarts() + ")"
                : "containers of " + target.of() + " restarted " + count + " time(s) between " + Quantities.time(inquiry.window().from())
                        + " and " + Quantities.time(inquiry.window().to()) + " (" + Math.round(beforeAlert) + " before the alert's start), "
                        + "first " + inquiry.when(first.at()) + "; most: " + worst.label() + " (" + Math.round(mostRestarts) + ")"
                        + reason.map(r -> "; last terminated reason " + r).orElse("");
        return List.of(Observation.of(Inquiry.SOURCE, io.inquest.investigation.engine.Signal.METRIC, "metric/" + target.of() + "/restarts")
                .at(first == null ? null : first.at())
                .attr("scope", target.scope()).attr("of", target.of()).attr("metric", "restarts").attr("query", query)
                .attr("value", count).attr("beforeAlert", Math.round(beforeAlert)).attr("unit", "restarts")
                .attr("pod", worst == null ? null : worst.pod()).attr("container", worst == null ? null : worst.container())
                .attr("reason", reason.orElse(null))
                .attr("changedAt", first == null ? null : first.at())
                .attr("abnormal", count > 0).text(text));
    }
}
