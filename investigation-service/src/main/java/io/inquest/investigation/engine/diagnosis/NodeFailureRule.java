package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The nodes under the workload failing: NotReady (the kubelet stopped reporting), memory, disk or
 * PID pressure evicting pods, the network unavailable.
 */
@ApplicationScoped
public class NodeFailureRule implements DiagnosisRule {

    @Override
    public String family() {
        return "node-failure";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> conditions = Facts.unhealthyNodes(incident);
        List<Observation> nodeEvents = Facts.events(incident, "NodeNotReady", "NodeHasDiskPressure", "NodeHasInsufficientMemory",
                "EvictionThresholdMet", "NodeNotSchedulable", "Rebooted", "TaintManagerEviction", "NodeHasNoDiskSpace");
        List<Observation> evicted = incident.list(Signal.POD_STATUS, o -> o.is("reason", "Evicted") || o.is("reason", "NodeLost")
                || o.is("reason", "Terminated") && Facts.contains(o.attr("message"), "node"));
        List<Observation> evictEvents = Facts.events(incident, "Evicted").stream()
                .filter(o -> Facts.contains(o.attr("message"), "node was low on resource")).toList();
        if (conditions.isEmpty() && nodeEvents.isEmpty() && evictEvents.isEmpty()) {
            return Optional.empty();
        }
        Observation first = !conditions.isEmpty() ? conditions.get(0) : !nodeEvents.isEmpty() ? nodeEvents.get(0) : evictEvents.get(0);
        String node = first.attr("node", first.attr("name", "a node"));
        StringBuilder cause = new StringBuilder("Node " + node + " failed under " + Facts.workload(incident) + ": ");
        if (first.signal() == Signal.NODE_CONDITION) {
            cause.append(first.attr("condition")).append('=').append(first.attr("status"))
                    .append(first.attr("reason") == null ? "" : " (" + first.attr("reason") + ")")
                    .append(first.attr("message") == null ? "" : ": " + first.attr("message"))
                    .append(' ').append(incident.relative(first.at()))
                    .append(first.attr("runtime") == null ? "" : " (kubelet " + first.attr("kubelet", "?") + ", runtime " + first.attr("runtime") + ")");
        } else {
            cause.append(first.attr("reason")).append(": ").append(first.attr("message", first.text()));
        }
        if (!evicted.isEmpty() || !evictEvents.isEmpty()) {
            cause.append("; ").append(Math.max(evicted.size(), evictEvents.size())).append(" pod(s) evicted or lost");
        }
        boolean pressure = conditions.stream().anyMatch(c -> Facts.contains(c.attr("condition"), "Pressure"));
        List<String> steps = pressure
                ? List.of("Relieve the pressure on node " + node + " (free disk or memory, move the heaviest pods) and set "
                        + "requests that match what the pods use", "Cordon node " + node + " until it is healthy again")
                : List.of("Cordon and drain node " + node + " and repair or replace it (kubelet, container runtime, network)",
                        "Spread " + Facts.workload(incident) + " across nodes (topologySpreadConstraints, a PodDisruptionBudget) so one "
                                + "node cannot take it down");
        List<Observation> evidence = Facts.join(conditions, nodeEvents, evictEvents, evicted);
        return Optional.of(new Hypothesis(family(), RootCauseCategory.INFRASTRUCTURE, conditions.isEmpty() ? 0.75 : 0.85,
                cause.toString(), evidence, steps, Facts.onset(evidence), false));
    }

    @Override
    public List<String> ruledOut(Case incident) {
        List<Observation> nodes = incident.list(Signal.NODE_CONDITION, o -> true);
        if (!nodes.isEmpty() && Facts.unhealthyNodes(incident).isEmpty()) {
            long count = nodes.stream().map(o -> o.attr("node")).distinct().count();
            return List.of("not the nodes: the " + count + " node(s) running " + Facts.workload(incident)
                    + " are Ready with no memory, disk or PID pressure");
        }
        return List.of();
    }
}
