package io.inquest.investigation.engine.tools.kubernetes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.diagnosis.Relative;

/** Every condition of a node, each marked healthy or not: Ready=True and every other condition False is how a node should be. */
final class NodeObservations {

    private static final String SOURCE = KubernetesTool.NAME;

    private NodeObservations() {
    }

    static List<Observation> of(Node node, Instant alertStart) {
        String name = node.getMetadata().getName();
        String taints = taints(node);
        boolean cordoned = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        // What `kubectl get nodes -o wide` shows: on a sick node, the kubelet and container runtime are the suspects.
        var info = node.getStatus() == null ? null : node.getStatus().getNodeInfo();
        String runtime = info == null ? null : info.getContainerRuntimeVersion();
        String kubelet = info == null ? null : info.getKubeletVersion();
        List<Observation> observations = new ArrayList<>();
        List<NodeCondition> conditions = node.getStatus() == null || node.getStatus().getConditions() == null ? List.of()
                : node.getStatus().getConditions();
        for (NodeCondition c : conditions) {
            boolean healthy = "Ready".equals(c.getType()) ? "True".equals(c.getStatus()) : "False".equals(c.getStatus());
            Instant since = PodObservations.time(c.getLastTransitionTime());
            StringBuilder text = new StringBuilder("node ").append(name).append(' ').append(c.getType()).append('=').append(c.getStatus());
            if (c.getReason() != null) {
                text.append(" (").append(c.getReason()).append(')');
            }
            if (since != null) {
                text.append(" since ").append(since).append(" (").append(Relative.toAlert(since, alertStart)).append(')');
            }
            if (!healthy && c.getMessage() != null && !c.getMessage().isBlank()) {
                text.append(": \"").append(c.getMessage().strip()).append('"');
            }
            if (!healthy && (runtime != null || kubelet != null)) {
                text.append("; kubelet ").append(kubelet == null ? "?" : kubelet).append(", runtime ").append(runtime == null ? "?" : runtime);
            }
            if ("Ready".equals(c.getType())) {
                if (taints != null) {
                    text.append("; taints ").append(taints);
                }
                if (cordoned) {
                    text.append("; cordoned (unschedulable)");
                }
            }
            observations.add(Observation.of(SOURCE, Signal.NODE_CONDITION, "node/" + name).at(since)
                    .attr("node", name).attr("condition", c.getType()).attr("status", c.getStatus()).attr("reason", c.getReason())
                    .attr("message", c.getMessage()).attr("healthy", healthy).attr("taints", taints)
                    .attr("unschedulable", cordoned ? "true" : null)
                    .attr("runtime", runtime).attr("kubelet", kubelet).text(text.toString()));
        }
        return observations;
    }

    static String taints(Node node) {
        if (node.getSpec() == null || node.getSpec().getTaints() == null || node.getSpec().getTaints().isEmpty()) {
            return null;
        }
        List<String> taints = new ArrayList<>();
        for (Taint t : node.getSpec().getTaints()) {
            taints.add(t.getKey() + (t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue()) + ":" + t.getEffect());
        }
        return String.join(", ", taints);
    }
}
