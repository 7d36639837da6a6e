package io.inquest.investigation.engine.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
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
    /** A surge seen only in the access logs needs this many requests around the alert. */
    static final double LOGGED_SURGE_REQUESTS = 100;

    @Override
    public String family() {
        return "traffic-surge";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        Optional<Observation> surge = incident.all(Signal.TRAFFIC_SURGE)
                .filter(o -> o.number("ratio").orElse(0.0) >= SURGE).findFirst();
        // Who and what the requests are: the access log that saw the most of them.
        Optional<Observation> access = incident.all(Signal.ACCESS_LOG)
                .max(Comparator.comparingDouble((Observation o) -> o.number("requests").orElse(0.0)));
        Optional<Observation> loggedSurge = access.filter(a -> a.number("ratio").orElse(0.0) >= SURGE
                && a.number("requests").orElse(0.0) >= LOGGED_SURGE_REQUESTS);
        if (surge.isEmpty() && loggedSurge.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder cause = new StringBuilder("A traffic surge: ").append(surge.map(Observation::text).orElse(loggedSurge.map(Observation::text).orElse("")));
        if (surge.isPresent()) {
            access.ifPresent(a -> cause.append("; ").append(a.text()));
        }
        List<Observation> strain = incident.list(Signal.METRIC, o -> !"dependency".equals(o.attr("scope"))
                && List.of("cpu_usage", "cpu_throttling", "latency_p99", "error_ratio").contains(o.attr("metric"))
                && o.number("ratio").orElse(0.0) >= 1.5);
        strain.stream().limit(2).forEach(s -> cause.append("; ").append(s.text()));
        // Requests outlasting the workers or the proxy's timeout: what the overload does to the callers.
        List<Observation> timeouts = Facts.logs(incident, "worker_timeout");
        timeouts.stream().findFirst().ifPresent(t -> cause.append("; ").append(t.text()));
        // An autoscaler at its maximum is why the load is not spread over more replicas.
        List<Observation> atMax = incident.list(Signal.AUTOSCALER, o -> o.is("atMax", "true"));
        atMax.stream().findFirst().ifPresent(hpa -> cause.append("; ").append(hpa.text()));
        double ratio = surge.or(() -> loggedSurge).flatMap(o -> o.number("ratio")).orElse(SURGE);
        List<Observation> evidence = Facts.join(surge.stream().toList(), access.stream().toList(), strain, timeouts, atMax);
        double confidence = surge.isPresent() ? Math.min(0.96, 0.86 + ratio / 100) : 0.72;
        // A rate compared with no series at all (nothing counted or kept before) is a weak surge: any
        // mechanism the objects show outranks it, unless the access logs show the surge too.
        if (surge.isPresent() && surge.get().is("baselineAbsent", "true") && loggedSurge.isEmpty()) {
            confidence = Math.min(confidence, 0.5);
        }
        // The surge is the cause of what it strains (CPU at the limit, pods Pending for capacity): it outranks them.
        return Optional.of(new Hypothesis(family(), RootCauseCategory.TRAFFIC_SURGE, confidence,
                cause.toString(), evidence,
                List.of("Scale " + Facts.workload(incident) + " out for the load (replicas, HPA limits) and shed or rate-limit "
                        + "what is not legitimate", access.map(TrafficSurgeRule::source).orElse("Find where the extra requests come from "
                        + "(client, route, user agent): a campaign, a retry storm or a crawler each has its own fix")),
                surge.or(() -> loggedSurge).map(Observation::at).orElse(null), false));
    }

    /** What to do about the requests the access log names: the route, agent and clients that dominate. */
    static String source(Observation access) {
        List<String> who = new ArrayList<>();
        if (access.attr("topRoute") != null) {
            who.add(access.attr("topRoute"));
        }
        if (access.attr("topUserAgent") != null && access.number("topUserAgentShare").orElse(0.0) >= 0.3) {
            who.add("user agent \"" + access.attr("topUserAgent") + "\"");
        }
        if (access.attr("topClient") != null && access.number("topClientShare").orElse(0.0) >= 0.3) {
            who.add("clients in " + access.attr("topClient"));
        }
        return "Rate-limit or block at the edge what dominates the requests (" + String.join(", ", who) + (access.attr("grew") == null ? ""
                : "; grew most: " + access.attr("grew")) + ") if it is not legitimate (a crawler, a retry storm of one client version), "
                + "or fix the client's retry with backoff; a campaign's load needs capacity instead";
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
