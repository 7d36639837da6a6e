package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/** Demand far above its usual level for the hour: the service is overwhelmed by load, not broken. */
@ApplicationScoped
public class TrafficSurgeRule implements DiagnosisRule {

    static final double SURGE = 3.0;

    @Override
    public String family() {
        return "traffic-surge";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        Optional<Observation> surge = incident.all(Signal.TRAFFIC_SURGE)
                .filter(o -> o.number("ratio").orElse(0.0) >= SURGE).findFirst();
        if (surge.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder cause = new StringBuilder("A traffic surge: ").append(surge.get().text());
        List<Observation> strain = incident.list(Signal.METRIC, o -> !"dependency".equals(o.attr("scope"))
                && List.of("cpu_usage", "cpu_throttling", "latency_p99", "error_ratio").contains(o.attr("metric"))
                && o.number("ratio").orElse(0.0) >= 1.5);
        strain.stream().limit(2).forEach(s -> cause.append("; ").append(s.text()));
        // An autoscaler at its maximum is why the load is not spread over more replicas.
        List<Observation> atMax = incident.list(Signal.AUTOSCALER, o -> o.is("atMax", "true"));
        atMax.stream().findFirst().ifPresent(hpa -> cause.append("; ").append(hpa.text()));
        double ratio = surge.get().number("ratio").orElse(SURGE);
        List<Observation> evidence = Facts.join(List.of(surge.get()), strain, atMax);
        // The surge is the cause of what it strains (CPU at the limit, pods Pending for capacity): it outranks them.
        return Optional.of(new Hypothesis(family(), RootCauseCategory.TRAFFIC_SURGE, Math.min(0.96, 0.86 + ratio / 100),
                cause.toString(), evidence,
                List.of("Scale " + Facts.workload(incident) + " out for the load (replicas, HPA limits) and shed or rate-limit "
                        + "what is not legitimate", "Find where the extra requests come from (client, route, user agent): a "
                        + "campaign, a retry storm or a crawler each has its own fix"),
                surge.get().at(), false));
    }

    @Override
    public List<String> ruledOut(Case incident) {
        Optional<Observation> rate = incident.all(Signal.TRAFFIC_SURGE).findFirst()
                .or(() -> Facts.metric(incident, "request_rate"));
        if (rate.isPresent() && rate.get().number("ratio").orElse(SURGE) < 1.5) {
            return List.of("not a traffic surge: " + rate.get().text());
        }
        return List.of();
    }
}
