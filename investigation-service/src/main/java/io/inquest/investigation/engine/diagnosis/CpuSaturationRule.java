package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Containers at their CPU limit: usage at the limit and the CFS throttling most periods, so
 * requests queue and latency climbs; the runtime's own saturation (event loop lag, the process'
 * CPU, the scheduler, busy threads) is cited as the resource that saturated. Load far above its
 * usual level is the traffic-surge rule's.
 */
@ApplicationScoped
public class CpuSaturationRule implements DiagnosisRule {

    /** Runtime signals that saturate when the CPU does (GC pauses and goroutines have other causes too). */
    private static final java.util.Set<String> CPU_BOUND = java.util.Set.of("event_loop_lag", "process_cpu", "scheduler_latency",
            "busy_threads");

    @Override
    public String family() {
        return "cpu-saturation";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        Optional<Observation> usage = Facts.metric(incident, "cpu_usage").filter(o -> o.number("ratio").orElse(0.0) >= 0.85);
        Optional<Observation> throttling = Facts.metric(incident, "cpu_throttling")
                .filter(o -> o.number("ratio").orElse(o.number("peak").orElse(o.number("value").orElse(0.0))) >= 0.25);
        // The runtime saturates with the CPU: a busy event loop lags, the process uses all the CPU it may.
        List<Observation> runtime = incident.list(Signal.METRIC, o -> o.is("runtime", "true") && o.is("saturated", "true")
                && !"dependency".equals(o.attr("scope")) && CPU_BOUND.contains(o.attr("metric")));
        boolean cpuShown = usage.isPresent() || throttling.isPresent()
                || runtime.stream().anyMatch(o -> "process_cpu".equals(o.attr("metric")))
                || !runtime.isEmpty() && Facts.ratio(Facts.metric(incident, "cpu_usage")) >= 0.7;
        if (!cpuShown) {
            return Optional.empty();
        }
        StringBuilder cause = new StringBuilder(Facts.workload(incident) + " is CPU-saturated");
        usage.ifPresent(u -> cause.append(": ").append(u.text()));
        throttling.ifPresent(t -> cause.append(usage.isPresent() ? "; " : ": ").append(t.text()));
        for (Observation r : runtime) {
            cause.append(usage.isPresent() || throttling.isPresent() || r != runtime.get(0) ? "; " : ": ").append(r.text());
        }
        Optional<Observation> latency = Facts.metric(incident, "latency_p99").filter(o -> o.number("ratio").orElse(0.0) >= 1.5);
        latency.ifPresent(l -> cause.append("; ").append(l.text()));
        Optional<Observation> rate = Facts.metric(incident, "request_rate");
        rate.ifPresent(r -> cause.append("; ").append(r.text()));
        String container = incident.first(Signal.CONTAINER_SPEC, o -> o.attr("cpuLimit") != null)
                .map(o -> o.attr("container") + " (CPU limit " + o.attr("cpuLimit") + ")").orElse(Facts.workload(incident));
        // A CPU limit nobody chose: the namespace's LimitRange default.
        List<Observation> defaults = incident.list(Signal.LIMIT_RANGE, o -> "cpu".equals(o.attr("resource")) && o.attr("default") != null);
        defaults.stream().findFirst().ifPresent(d -> cause.append("; the namespace's LimitRange ").append(d.attr("name"))
                .append(" sets a default CPU limit of ").append(d.attr("default")));
        // An autoscaler at its maximum is why the load is not spread over more replicas.
        List<Observation> atMax = incident.list(Signal.AUTOSCALER, o -> o.is("atMax", "true"));
        atMax.stream().findFirst().ifPresent(hpa -> cause.append("; ").append(hpa.text()));
        double confidence = usage.isPresent() && throttling.isPresent() ? 0.78 : usage.isPresent() || throttling.isPresent() ? 0.68 : 0.6;
        List<Observation> evidence = Facts.join(usage.stream().toList(), throttling.stream().toList(), runtime, latency.stream().toList(),
                rate.stream().toList(), defaults, atMax);
        return Optional.of(new Hypothesis(family(), RootCauseCategory.RESOURCE_EXHAUSTION, confidence, cause.toString(), evidence,
                List.of("Scale " + Facts.workload(incident) + " out (more replicas, or an HPA on CPU) or raise the CPU limit of "
                        + container, "Profile where the CPU goes if the load did not grow in proportion"),
                Facts.onset(evidence), true));
    }

    @Override
    public List<String> ruledOut(Case incident) {
        Optional<Observation> usage = Facts.metric(incident, "cpu_usage");
        if (usage.isPresent() && usage.get().number("ratio").orElse(1.0) < 0.6) {
            return List.of("not CPU: " + usage.get().text());
        }
        return List.of();
    }
}
