package io.inquest.investigation.engine.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's errors come from something it calls: connections refused or reset, time-outs,
 * TLS failures towards a named host in its logs, or a dependency's own error ratio or latency up,
 * while the service's own pods are healthy.
 */
@ApplicationScoped
public class DependencyFailureRule implements DiagnosisRule {

    @Override
    public String family() {
        return "dependency-failure";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> calls = Facts.logs(incident, "connection_refused", "connection_reset", "timeout", "tls", "upstream_error").stream()
                .filter(o -> !selfTarget(incident, o.attr("target")) && !dnsTarget(incident, o.attr("target"))).toList();
        List<Observation> upstream = incident.list(Signal.METRIC, o -> "dependency".equals(o.attr("scope"))
                && (o.number("ratio").orElse(0.0) >= 2 || "error_ratio".equals(o.attr("metric")) && o.number("value").orElse(0.0) >= 0.05));
        if (calls.isEmpty() && upstream.isEmpty()) {
            return Optional.empty();
        }
        int count = Facts.count(calls);
        if (upstream.isEmpty() && count < 3) {
            return Optional.empty();
        }
        List<String> targets = calls.stream().map(o -> o.attr("target")).filter(Objects::nonNull).distinct().limit(3).toList();
        List<String> named = new ArrayList<>(targets);
        upstream.stream().map(o -> o.attr("of")).filter(Objects::nonNull).filter(n -> !named.contains(n)).forEach(named::add);
        String dependency = named.isEmpty() ? "a dependency" : String.join(", ", named);
        StringBuilder cause = new StringBuilder(Facts.workload(incident) + " fails because its dependency " + dependency
                + " does: ");
        if (!calls.isEmpty()) {
            Observation top = calls.get(0);
            cause.append(count).append(" failed calls (").append(top.attr("signature").replace('_', ' ')).append("), e.g. \"")
                    .append(top.attr("sample")).append("\" first ").append(top.attr("relative", incident.relative(top.at())));
        }
        upstream.stream().findFirst().ifPresent(m -> cause.append(calls.isEmpty() ? "" : "; ").append(m.text()));
        // What Kubernetes shows of the dependency itself: its pods crash-looping or not Ready, its Service without endpoints.
        List<Observation> itsState = dependencyState(incident, calls);
        itsState.forEach(o -> cause.append("; ").append(o.text()));
        boolean ownPodsHealthy = Facts.allPodsReady(incident)
                || incident.kubernetesRead() && Facts.terminations(incident, null).isEmpty();
        if (ownPodsHealthy && incident.kubernetesRead()) {
            cause.append("; its own pods are healthy");
        }
        double confidence = 0.6 + (upstream.isEmpty() ? 0 : 0.1) + (count >= 10 ? 0.1 : 0.05) + (ownPodsHealthy ? 0.05 : 0)
                + (itsState.isEmpty() ? 0 : 0.05);
        List<Observation> evidence = Facts.join(itsState, calls, upstream);
        List<String> steps = List.of("Restore " + dependency + ": check its pods, endpoints and its own alerts; the failures of "
                        + Facts.workload(incident) + " follow from it",
                "Protect " + Facts.workload(incident) + " meanwhile: time-outs, retries with back-off and a circuit breaker "
                        + "towards " + dependency + ", and a fallback where one exists");
        return Optional.of(new Hypothesis(family(), RootCauseCategory.DEPENDENCY_FAILURE, Math.min(itsState.isEmpty() ? 0.82 : 0.86, confidence),
                cause.toString(), evidence, steps, Facts.onset(evidence), false));
    }

    /**
     * The failing dependency's own state in the cluster: an unhealthy workload or a Service without
     * ready endpoints whose name is the host called ({@code redis-sessions:6379},
     * {@code inventory-api.inventory.svc.cluster.local}), whose pod or cluster IP is the address called,
     * or, for a bare IP, the one unhealthy workload that listens on the port called.
     */
    static List<Observation> dependencyState(Case incident, List<Observation> calls) {
        List<Observation> neighbours = incident.list(Signal.NEIGHBOUR, o -> true);
        List<Observation> endpoints = incident.list(Signal.SERVICE_ENDPOINTS, o -> true);
        List<Observation> found = new ArrayList<>();
        for (String target : calls.stream().map(o -> o.attr("target")).filter(Objects::nonNull).distinct().toList()) {
            String host = target.replaceFirst("^[a-z]+://", "").replaceFirst("[:/].*$", "").toLowerCase();
            String port = target.matches(".*:[0-9]+$") ? target.substring(target.lastIndexOf(':') + 1) : null;
            String name = host.matches("[0-9.]+") ? null : host.split("\\.")[0];
            for (Observation n : neighbours) {
                if (name != null && name.equalsIgnoreCase(n.attr("workload")) || Facts.contains(n.attr("podIPs"), host) && name == null) {
                    found.add(n);
                }
            }
            for (Observation e : endpoints) {
                if (name != null && name.equalsIgnoreCase(e.attr("service")) || host.equals(e.attr("clusterIP"))) {
                    found.add(e);
                }
            }
            for (Observation d : incident.list(Signal.DEPENDENCY, o -> o.is("healthy", "false"))) {
                if (name != null && name.equalsIgnoreCase(d.attr("service")) || host.equals(d.attr("clusterIP"))) {
                    found.add(d);
                }
            }
            if (found.isEmpty() && name == null && port != null) {
                List<Observation> listening = neighbours.stream().filter(n -> n.attr("ports") != null
                        && List.of(n.attr("ports").split(", ")).contains(port)).toList();
                if (listening.size() == 1) {
                    found.add(listening.get(0));
                }
            }
        }
        return found.stream().distinct().limit(2).toList();
    }

    /** A call to port 53 is a name lookup: the DNS rule's. */
    private static boolean dnsTarget(Case incident, String target) {
        return target != null && target.endsWith(":53");
    }

    /** A line about the service's own address is not about a dependency. */
    private static boolean selfTarget(Case incident, String target) {
        if (target == null) {
            return false;
        }
        return incident.subject().target().names().stream().anyMatch(n -> target.toLowerCase().startsWith(n + ":")
                || target.equalsIgnoreCase(n));
    }
}
