package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pods left Pending because the scheduler finds no node for them. Insufficient CPU or memory is
 * the cluster's capacity exhausted; a selector, affinity or taint that no node satisfies is the
 * pod's configuration; nodes that are unreachable are the infrastructure.
 */
@ApplicationScoped
public class SchedulingRule implements DiagnosisRule {

    @Override
    public String family() {
        return "unschedulable";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> pending = incident.list(Signal.POD_UNSCHEDULABLE, o -> true);
        List<Observation> failed = Facts.events(incident, "FailedScheduling");
        if (pending.isEmpty() && failed.isEmpty()) {
            return Optional.empty();
        }
        // The cluster autoscaler says why it could not add a node (max node group size reached...).
        List<Observation> autoscaler = Facts.events(incident, "NotTriggerScaleUp", "FailedScaleUp", "ScaleUpFailed");
        String message = Facts.join(failed, pending).stream().map(o -> o.attr("message")).filter(m -> m != null && !m.isBlank())
                .findFirst().orElse("no node can take the pod");
        RootCauseCategory category;
        List<String> steps;
        String workload = Facts.workload(incident);
        if (Facts.contains(message, "Insufficient", "Too many pods", "exceed")) {
            category = RootCauseCategory.RESOURCE_EXHAUSTION;
            steps = List.of("Add capacity for " + workload + ": scale the node pool (or let the cluster autoscaler), "
                            + "or free it by lowering the pods' requests or evicting lower-priority work",
                    "Check the requests of " + workload + " against what its pods use: requests above need waste capacity");
        } else if (Facts.contains(message, "unreachable", "not-ready", "NotReady")) {
            category = RootCauseCategory.INFRASTRUCTURE;
            steps = List.of("Bring the unreachable nodes back (kubelet, network) or replace them");
        } else if (Facts.contains(message, "unbound", "PersistentVolumeClaim", "volume")) {
            category = RootCauseCategory.CONFIGURATION_ERROR;
            steps = List.of("Fix the volume claim of " + workload + ": its PersistentVolumeClaim cannot be bound or attached");
        } else {
            category = RootCauseCategory.CONFIGURATION_ERROR;
            steps = List.of("Fix the node selector, affinity or tolerations of " + workload
                    + " so that some node matches, or label/untaint a node for it");
        }
        Observation first = !pending.isEmpty() ? pending.get(0) : failed.get(0);
        String asks = incident.first(Signal.CONTAINER_SPEC, o -> o.attr("cpuRequest") != null || o.attr("memoryRequest") != null)
                .map(o -> "; each pod requests " + String.join(", ", java.util.stream.Stream.of(
                        o.attr("cpuRequest") == null ? null : "cpu " + o.attr("cpuRequest"),
                        o.attr("memoryRequest") == null ? null : "memory " + o.attr("memoryRequest")).filter(x -> x != null).toList()))
                .orElse("");
        // Scheduling counts requests: the largest requesters on the nodes hold what the pod lacks.
        List<Observation> holders = incident.list(Signal.CAPACITY_HOLDER, o -> o.is("scope", "nodes")).stream().limit(2).toList();
        String cause = pending.size() + " pod(s) of " + workload + " are Pending, unschedulable (FailedScheduling): " + message + asks
                + autoscaler.stream().findFirst().map(a -> "; the cluster autoscaler did not add a node: " + a.attr("message", a.text()))
                        .orElse("")
                + (holders.isEmpty() ? "" : "; the capacity is held by " + String.join("; ", holders.stream().map(Observation::text).toList()));
        List<Observation> evidence = Facts.join(failed, pending, autoscaler, holders);
        // Pods that waited and were then placed: the shortage is over, whatever the alert still says.
        double confidence = pending.isEmpty() ? HealthyRule.resolvedNow(incident) ? 0.35 : 0.75 : 0.85;
        return Optional.of(new Hypothesis(family(), category, confidence, cause, evidence, steps,
                first.at() == null ? Facts.onset(evidence) : first.at(), true));
    }

    @Override
    public List<String> ruledOut(Case incident) {
        if (incident.kubernetesRead() && !Facts.pods(incident).isEmpty() && incident.list(Signal.POD_UNSCHEDULABLE, o -> true).isEmpty()
                && Facts.events(incident, "FailedScheduling").isEmpty()) {
            return List.of("not a scheduling problem: every pod of " + Facts.workload(incident) + " is placed on a node");
        }
        return List.of();
    }
}
