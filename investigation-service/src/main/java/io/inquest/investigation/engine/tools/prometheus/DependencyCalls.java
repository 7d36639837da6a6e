package io.inquest.investigation.engine.tools.prometheus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.tools.prometheus.ServiceSeries.Calls;
import io.smallrye.mutiny.Uni;

/**
 * The calls a service makes to the services it depends on, from its HTTP client metrics
 * (Micrometer's {@code http_client_requests_seconds}, OpenTelemetry's): per service called, the
 * share that failed. A dependency that fails shows there first, named by its host, even when no
 * label or topology names it.
 */
final class DependencyCalls {

    /** The services called that are reported: those failing, then the busiest. */
    static final int MOST = 3;

    private DependencyCalls() {
    }

    static Uni<List<Observation>> read(Inquiry inquiry, ServiceSeries target) {
        if (target.calls().isEmpty() || !"service".equals(target.scope())) {
            return Uni.createFrom().item(List.of());
        }
        Calls calls = target.calls().get();
        String by = "sum by (" + calls.peer() + ") ";
        String total = by + "(" + inquiry.rate(calls.selector().of(calls.counter())) + ")";
        String failed = by + "(" + inquiry.rate(calls.selector().of(calls.counter(), calls.failed())) + ")";
        return Uni.combine().all().unis(inquiry.many("calls of " + target.of(), total), inquiry.many("failed calls of " + target.of(), failed))
                .asTuple().map(t -> t.getItem1().map(all -> observations(inquiry, target, calls, total, failed, all,
                        t.getItem2().orElse(List.of()))).orElse(List.of()));
    }

    static List<Observation> observations(Inquiry inquiry, ServiceSeries target, Calls calls, String totalQuery, String failedQuery,
            List<Series> totals, List<Series> failures) {
        Map<String, Series> failedBy = failures.stream().filter(s -> s.label(calls.peer()) != null)
                .collect(Collectors.toMap(s -> s.label(calls.peer()), Function.identity(), (a, b) -> a));
        List<Observation> out = new ArrayList<>();
        for (Series total : totals) {
            String peer = total.label(calls.peer());
            if (peer == null || peer.isBlank()) {
                continue;
            }
            Series ratio = total.filter(p -> p.value() > 0).combine(failedBy.getOrDefault(peer, Series.of(Map.of(), List.of())), 0.0,
                    (all, bad) -> bad / all);
            Optional<MetricFact> found = MetricFact.of(ratio, inquiry, 0.01);
            if (found.isEmpty()) {
                continue;
            }
            MetricFact fact = found.get();
            double base = fact.baseline().orElse(0.0);
            boolean abnormal = Math.max(fact.value(), fact.peak().value()) >= RedSignals.ERROR_RATIO_ABNORMAL && fact.rose(2, 0.01);
            String of = PrometheusTool.serviceName(peer);
            String name = "calls from " + target.of() + " to " + peer + " (" + calls.counter() + ")";
            String text = abnormal
                    ? name + " failed " + Quantities.percent(fact.value()) + " of the time at the alert's start, "
                            + Quantities.percent(fact.peak().value()) + " at peak " + inquiry.when(fact.peak().at())
                            + fact.changedAt().map(c -> "; failures began " + inquiry.when(c.at())).orElse("")
                            + " (baseline " + Quantities.percent(base) + ")"
                    : name + " did not fail more than usual: " + Quantities.percent(fact.value()) + " failed at the alert's start"
                            + " (baseline " + Quantities.percent(base) + ")";
            out.add(fact.metric(inquiry, "dependency", of, "error_ratio", failedQuery + " / " + totalQuery, "ratio")
                    .attr("caller", target.of()).attr("peer", peer)
                    .attr("ratio", Quantities.number(fact.peak().value() / Math.max(base, RedSignals.ERROR_RATIO_FLOOR)))
                    .attr("abnormal", abnormal).text(text));
        }
        return out.stream()
                .sorted(Comparator.comparing((Observation o) -> !o.is("abnormal", "true"))
                        .thenComparing(o -> -o.number("peak").orElse(0.0)))
                .limit(MOST).toList();
    }
}
