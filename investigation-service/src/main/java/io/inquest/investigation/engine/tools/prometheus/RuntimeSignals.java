package io.inquest.investigation.engine.tools.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.inquest.investigation.engine.Observation;
import io.smallrye.mutiny.Uni;

/**
 * The USE signals of the service's runtime, which saturate before (or instead of) its
 * container's CPU: the event loop's lag (one busy loop delays every request), time in GC pauses,
 * the process' CPU share, goroutines and the Go scheduler's latency, busy threads against the
 * pool's size. Each is read at the worst pod, against its own usual level before the alert.
 */
final class RuntimeSignals {

    private RuntimeSignals() {
    }

    /**
     * One kind of runtime signal.
     *
     * @param name      the METRIC observation's {@code metric}
     * @param human     how a reader calls it
     * @param unit      seconds, ratio or count
     * @param threshold from this value on it is saturated (with {@code factor} times its usual level)
     * @param factor    how far above its usual level it must be, too
     */
    record Kind(String name, String human, String unit, double threshold, double factor) {

        static final Map<String, Kind> ALL = Map.of(
                "event_loop_lag", new Kind("event_loop_lag", "event loop lag", "seconds", 0.1, 3),
                "gc_pause", new Kind("gc_pause", "time in GC pauses", "ratio", 0.1, 2),
                "process_cpu", new Kind("process_cpu", "process CPU usage", "ratio", 0.9, 1.3),
                "goroutines", new Kind("goroutines", "goroutines", "count", 1000, 3),
                "scheduler_latency", new Kind("scheduler_latency", "Go scheduler latency p99", "seconds", 0.01, 5),
                "busy_threads", new Kind("busy_threads", "busy threads of the pool", "ratio", 0.9, 1.3));
    }

    /** A configured {@code kind:metric} or {@code kind:metric/capacity}. */
    record Source(Kind kind, String metric, String capacity) {

        static Optional<Source> parse(String entry) {
            String[] parts = entry.trim().split(":", 2);
            if (parts.length < 2 || !Kind.ALL.containsKey(parts[0].trim())) {
                return Optional.empty();
            }
            String[] metric = parts[1].trim().split("/", 2);
            return Optional.of(new Source(Kind.ALL.get(parts[0].trim()), metric[0].trim(), metric.length > 1 ? metric[1].trim() : null));
        }

        List<String> names() {
            return capacity == null ? List.of(metric) : List.of(metric, capacity);
        }
    }

    static List<Source> sources(PrometheusSettings settings) {
        return settings.metrics().runtime().stream().map(Source::parse).flatMap(Optional::stream).toList();
    }

    static Uni<List<Observation>> read(Inquiry inquiry, String of, List<String> names, String namespace) {
        List<Source> sources = sources(inquiry.settings());
        if (sources.isEmpty() || names.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        PrometheusSettings.Labels labels = inquiry.settings().labels();
        List<Selector> candidates = new ArrayList<>(ServiceSeries.httpCandidates(labels, names, namespace));
        candidates.addAll(ServiceSeries.podCandidates(labels, names, namespace));
        List<String> metricNames = sources.stream().flatMap(s -> s.names().stream()).distinct().toList();
        List<String> selectors = candidates.stream().map(c -> c.forNames(metricNames)).toList();
        return inquiry.series("the runtime series of " + of, selectors).flatMap(found -> {
            List<Map<String, String>> sets = found.orElse(List.of());
            // Per kind, the first configured metric the service exports, by the first selector that finds it.
            Map<String, Uni<Optional<Observation>>> reads = new LinkedHashMap<>();
            for (Source source : sources) {
                if (reads.containsKey(source.kind().name())) {
                    continue;
                }
                for (Selector candidate : candidates) {
                    boolean has = sets.stream().anyMatch(s -> source.metric().equals(s.get("__name__")) && candidate.test(s));
                    boolean hasCapacity = source.capacity() == null
                            || sets.stream().anyMatch(s -> source.capacity().equals(s.get("__name__")) && candidate.test(s));
                    if (has && hasCapacity) {
                        String query = query(inquiry, source, candidate);
                        reads.put(source.kind().name(), inquiry.single(source.kind().human() + " of " + of, query)
                                .map(s -> s.flatMap(series -> fact(inquiry, of, source, query, series))));
                        break;
                    }
                }
            }
            if (reads.isEmpty()) {
                return Uni.createFrom().item(List.<Observation>of());
            }
            return Uni.join().all(List.copyOf(reads.values())).andFailFast()
                    .map(list -> list.stream().flatMap(Optional::stream).toList());
        });
    }

    /** The worst pod's value: the one that saturates is the one that hurts. */
    static String query(Inquiry inquiry, Source source, Selector selector) {
        String pod = inquiry.settings().labels().pod();
        String metric = selector.of(source.metric());
        return switch (source.kind().name()) {
            case "gc_pause" -> "max(sum by (" + pod + ") (" + inquiry.rate(metric) + "))";
            case "scheduler_latency" -> "max(histogram_quantile(0.99, sum by (" + pod + ", le) (" + inquiry.rate(metric) + ")))";
            default -> source.capacity() == null ? "max(" + metric + ")"
                    : "max(sum by (" + pod + ") (" + metric + ") / sum by (" + pod + ") (" + selector.of(source.capacity()) + " > 0))";
        };
    }

    static Optional<Observation> fact(Inquiry inquiry, String of, Source source, String query, Series series) {
        Kind kind = source.kind();
        return MetricFact.of(series, inquiry, kind.threshold() / 10, 0.5).map(f -> {
            double peak = f.peak().value();
            Optional<Double> usual = f.baseline();
            double times = usual.filter(u -> u > 0).map(u -> peak / u).orElse(Double.POSITIVE_INFINITY);
            boolean saturated = peak >= kind.threshold() && times >= kind.factor();
            String human = kind.name().equals("event_loop_lag") && source.metric().contains("p99") ? "event loop lag p99"
                    : kind.name().equals("event_loop_lag") && source.metric().contains("max") ? "event loop lag (max)" : kind.human();
            StringBuilder text = new StringBuilder(human).append(" of ").append(of).append(" (").append(source.metric())
                    .append(source.capacity() == null ? "" : " / " + source.capacity()).append(", the worst pod) ");
            text.append(saturated ? "reached " : "peaked at ").append(format(kind, peak)).append(' ').append(inquiry.when(f.peak().at()));
            usual.ifPresent(u -> text.append(", against ").append(format(kind, u)).append(" usually before")
                    .append(u > 0 && times >= 1.5 ? " (" + Quantities.number(times) + "x its usual level)" : ""));
            f.changedAt().ifPresent(c -> text.append("; it rose ").append(inquiry.when(c.at())));
            text.append(saturated ? ": saturated" : ": not saturated");
            Observation.Builder b = f.metric(inquiry, "service", of, kind.name(), query, kind.unit())
                    .attr("runtime", true).attr("saturated", saturated).attr("abnormal", saturated)
                    .attr("ratio", usual.filter(u -> u > 0).map(u -> Quantities.number(peak / u)).orElse(null))
                    .attr("source", source.metric());
            if (kind.unit().equals("ratio")) {
                b.attr("limit", "1");
            }
            return b.text(text.toString());
        });
    }

    static String format(Kind kind, double value) {
        return switch (kind.unit()) {
            case "seconds" -> Quantities.seconds(value);
            case "ratio" -> Quantities.percent(value);
            default -> Quantities.number(value);
        };
    }
}
