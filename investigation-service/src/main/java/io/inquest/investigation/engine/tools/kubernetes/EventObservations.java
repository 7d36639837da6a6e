package io.inquest.investigation.engine.tools.kubernetes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Target;
import io.inquest.investigation.engine.diagnosis.Relative;

/**
 * The core/v1 Events about the workload, its ReplicaSets, its pods and its nodes, one observation
 * per reason, object and message (repeats merged: counts added, first and last kept), Warnings first. Of the Normal ones
 * only those that explain a failure or date a change are kept.
 */
final class EventObservations {

    /** Normal events worth reading in an incident: rollouts, pulls, kills, and what the node controller says. */
    static final Set<String> NORMAL_REASONS = Set.of("ScalingReplicaSet", "Pulled", "Killing", "NodeNotReady", "NodeNotSchedulable",
            "NodeHasDiskPressure", "NodeHasInsufficientMemory", "NodeHasInsufficientPID", "TaintManagerEviction", "Preempted",
            "Rebooted", "SuccessfulRescale", "DeploymentRollback", "RemovingNode", "DeletingNode",
            // the cluster autoscaler: whether a Pending pod made it add a node, and why not
            "TriggeredScaleUp", "NotTriggerScaleUp", "ScaledUpGroup", "ScaleDown", "ScaleDownEmpty");

    /** Who reports for the cluster autoscaler, whatever object its events are about. */
    private static final Set<String> AUTOSCALER_COMPONENTS = Set.of("cluster-autoscaler", "karpenter");

    private static final String SOURCE = KubernetesTool.NAME;

    private EventObservations() {
    }

    /** One event after merging its repeats. */
    record Merged(String type, String reason, String kind, String name, String namespace, String message, int count, Instant first,
            Instant last) {
    }

    static List<Observation> of(List<Event> events, Predicate<ObjectReference> involves, int max, Instant alertStart) {
        Map<String, Merged> merged = new LinkedHashMap<>();
        for (Event e : events) {
            ObjectReference object = e.getInvolvedObject();
            if (object == null || e.getReason() == null || !involves.test(object)) {
                continue;
            }
            String type = e.getType() == null ? "Normal" : e.getType();
            if (!"Warning".equals(type) && !NORMAL_REASONS.contains(e.getReason())) {
                continue;
            }
            // Repeats differ in numbers (back-off 1m20s, a pod's hash); a different message is a different
            // fact: "Failed to pull image ...: not found" and "Error: ImagePullBackOff" are both reason Failed.
            String key = type + "|" + e.getReason() + "|" + object.getKind() + "|" + object.getName() + "|"
                    + (e.getMessage() == null ? "" : e.getMessage().replaceAll("[0-9]+", "#"));
            Instant first = first(e);
            Instant last = last(e);
            int count = count(e);
            merged.merge(key, new Merged(type, e.getReason(), object.getKind(), object.getName(),
                    object.getNamespace() != null ? object.getNamespace() : e.getMetadata() == null ? null : e.getMetadata().getNamespace(),
                    e.getMessage(), count, first, last), EventObservations::combine);
        }
        return merged.values().stream()
                .sorted(Comparator.comparing((Merged m) -> !"Warning".equals(m.type()))
                        .thenComparing(Merged::last, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(max)
                .map(m -> observation(m, alertStart))
                .toList();
    }

    private static Merged combine(Merged a, Merged b) {
        boolean bIsLater = a.last() == null || (b.last() != null && b.last().isAfter(a.last()));
        return new Merged(a.type(), a.reason(), a.kind(), a.name(), a.namespace(), bIsLater ? b.message() : a.message(),
                a.count() + b.count(), min(a.first(), b.first()), max(a.last(), b.last()));
    }

    private static Observation observation(Merged m, Instant alertStart) {
        String object = m.kind() == null ? "object" : m.kind().toLowerCase(Locale.ROOT);
        StringBuilder text = new StringBuilder(m.type()).append(' ').append(m.reason()).append(" on ").append(object).append(' ')
                .append(m.name());
        if (m.count() > 1) {
            text.append(" (").append(m.count()).append(" times");
            if (m.first() != null && !m.first().equals(m.last())) {
                text.append(", first ").append(Relative.toAlert(m.first(), alertStart));
            }
            text.append(')');
        }
        if (m.last() != null) {
            text.append(' ').append(m.count() > 1 ? "last " : "").append(Relative.toAlert(m.last(), alertStart)).append(" (")
                    .append(m.last()).append(')');
        }
        if (m.message() != null && !m.message().isBlank()) {
            text.append(": \"").append(m.message().strip()).append('"');
        }
        return Observation.of(SOURCE, Signal.EVENT, object + "/" + (m.namespace() == null || "node".equals(object) ? "" : m.namespace() + "/")
                + m.name()).at(m.last() != null ? m.last() : m.first())
                .attr("type", m.type()).attr("reason", m.reason()).attr("message", m.message()).attr("kind", m.kind())
                .attr("name", m.name()).attr("namespace", m.namespace()).attr("count", m.count()).attr("first", m.first())
                .attr("last", m.last()).text(text.toString());
    }

    static Instant first(Event e) {
        Instant first = PodObservations.time(e.getFirstTimestamp());
        if (first == null && e.getEventTime() != null) {
            first = PodObservations.time(e.getEventTime().getTime());
        }
        if (first == null && e.getMetadata() != null) {
            first = PodObservations.time(e.getMetadata().getCreationTimestamp());
        }
        return first;
    }

    static Instant last(Event e) {
        Instant last = PodObservations.time(e.getLastTimestamp());
        if (last == null && e.getSeries() != null && e.getSeries().getLastObservedTime() != null) {
            last = PodObservations.time(e.getSeries().getLastObservedTime().getTime());
        }
        return last == null ? first(e) : last;
    }

    static int count(Event e) {
        if (e.getSeries() != null && e.getSeries().getCount() != null) {
            return e.getSeries().getCount();
        }
        return e.getCount() == null || e.getCount() < 1 ? 1 : e.getCount();
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    /**
     * Events of the namespace beyond the workload's own objects that still bear on it: what the
     * cluster autoscaler did or refused, its HorizontalPodAutoscalers' rescaling, and Services' and
     * Endpoints' troubles.
     */
    static boolean aroundTheWorkload(Event e, Set<String> autoscalers) {
        ObjectReference ref = e.getInvolvedObject();
        String component = e.getSource() != null && e.getSource().getComponent() != null ? e.getSource().getComponent()
                : e.getReportingComponent();
        if (component != null && AUTOSCALER_COMPONENTS.contains(component)) {
            return true;
        }
        String kind = ref.getKind() == null ? "" : ref.getKind();
        return switch (kind) {
            case "HorizontalPodAutoscaler" -> autoscalers.contains(ref.getName());
            case "Service", "Endpoints", "EndpointSlice" -> "Warning".equals(e.getType());
            default -> false;
        };
    }

    /** Collects the objects whose events count: the workload, its ReplicaSets, its pods (also gone ones, by name), its nodes. */
    static Predicate<ObjectReference> involving(Workload workload, List<String> replicaSets, Set<String> nodes) {
        Set<String> pods = new HashSet<>();
        workload.pods().forEach(p -> pods.add(p.getMetadata().getName()));
        List<String> podPrefixes = new ArrayList<>();
        replicaSets.forEach(rs -> podPrefixes.add(rs + "-"));
        String name = workload.name();
        return ref -> {
            String kind = ref.getKind();
            String n = ref.getName();
            if (kind == null || n == null) {
                return false;
            }
            return switch (kind) {
                case "Pod" -> pods.contains(n) || podPrefixes.stream().anyMatch(n::startsWith)
                        || (name != null && name.equals(Target.workloadOfPod(n)));
                case "ReplicaSet" -> replicaSets.contains(n) || (name != null && n.startsWith(name + "-")
                        && n.substring(name.length() + 1).matches("[a-z0-9]{6,10}"));
                case "Deployment", "StatefulSet", "DaemonSet", "HorizontalPodAutoscaler", "PodDisruptionBudget" -> n.equals(name);
                case "Node" -> nodes.contains(n);
                default -> false;
            };
        };
    }
}
