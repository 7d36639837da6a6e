package io.inquest.investigation.engine.tools.kubernetes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.diagnosis.Relative;

/** A Deployment's rollout history (its ReplicaSets, newest first), its state, and its pod template's containers. */
final class RolloutObservations {

    static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String SOURCE = KubernetesTool.NAME;

    private RolloutObservations() {
    }

    /**
     * The Deployment's own ReplicaSets, newest first (by revision, then creation). Owners are
     * matched by kind and name: a copy of the objects (a backup, a test server) gets new uids.
     */
    static List<ReplicaSet> ownedBy(Deployment deployment, List<ReplicaSet> replicaSets) {
        String name = deployment.getMetadata().getName();
        return replicaSets.stream()
                .filter(rs -> Optional.ofNullable(rs.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
                        .anyMatch(o -> "Deployment".equals(o.getKind()) && name.equals(o.getName())))
                .sorted(Comparator.comparingLong(RolloutObservations::revision)
                        .thenComparing(rs -> Optional.ofNullable(PodObservations.time(rs.getMetadata().getCreationTimestamp()))
                                .orElse(Instant.EPOCH))
                        .reversed())
                .toList();
    }

    static long revision(ReplicaSet replicaSet) {
        Map<String, String> annotations = replicaSet.getMetadata().getAnnotations();
        try {
            return annotations == null || annotations.get(REVISION) == null ? 0 : Long.parseLong(annotations.get(REVISION).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One ROLLOUT per ReplicaSet (at most {@code max}, newest first), each with its difference from the one before. */
    static List<Observation> rollouts(Deployment deployment, List<ReplicaSet> newestFirst, Function<ReplicaSet, Instant> createdAt,
            int max, Instant alertStart) {
        List<Observation> observations = new ArrayList<>();
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        List<Instant> times = new ArrayList<>();
        Instant bound = null;
        for (ReplicaSet rs : newestFirst) {
            Instant at = createdAt.apply(rs);
            // An older revision stamped after a newer one and after the alert is a copy's load time
            // (a restore, a test server), not when it rolled out. A rollback's older revision is
            // stamped after the newer one too, but before the alert it is about.
            if (at != null && bound != null && at.isAfter(bound) && at.isAfter(alertStart)) {
                at = null;
            }
            times.add(at);
            bound = at == null ? bound : at;
        }
        for (int i = 0; i < Math.min(max, newestFirst.size()); i++) {
            ReplicaSet rs = newestFirst.get(i);
            ReplicaSet previous = i + 1 < newestFirst.size() ? newestFirst.get(i + 1) : null;
            PodTemplateSpec template = rs.getSpec() == null ? null : rs.getSpec().getTemplate();
            PodTemplateSpec previousTemplate = previous == null || previous.getSpec() == null ? null : previous.getSpec().getTemplate();
            String diff = previous == null ? null : PodTemplates.diff(previousTemplate, template);
            Instant created = times.get(i);
            long revision = revision(rs);
            Integer replicas = rs.getSpec() == null ? null : rs.getSpec().getReplicas();
            Integer ready = rs.getStatus() == null ? null : rs.getStatus().getReadyReplicas();
            String images = PodTemplates.images(template);
            StringBuilder text = new StringBuilder(i == 0 ? "latest rollout of deployment " : "earlier rollout of deployment ")
                    .append(name).append(": revision ").append(revision == 0 ? "?" : revision).append(" (ReplicaSet ")
                    .append(rs.getMetadata().getName()).append(')');
            if (created != null) {
                text.append(" created ").append(created).append(" (").append(Relative.toAlert(created, alertStart)).append(')');
            }
            text.append(", image ").append(images.isEmpty() ? "(none)" : images);
            if (previous != null) {
                text.append(", replacing ReplicaSet ").append(previous.getMetadata().getName())
                        .append(diff.isEmpty() ? " with no pod template difference" : ": " + diff);
            }
            text.append("; ").append(ready == null ? 0 : ready).append(" of ").append(replicas == null ? 0 : replicas).append(" replicas ready");
            observations.add(Observation.of(SOURCE, Signal.ROLLOUT, "replicaset/" + namespace + "/" + rs.getMetadata().getName()).at(created)
                    .attr("deployment", name).attr("namespace", namespace).attr("replicaSet", rs.getMetadata().getName())
                    .attr("revision", revision == 0 ? null : revision).attr("image", images)
                    .attr("previousReplicaSet", previous == null ? null : previous.getMetadata().getName())
                    .attr("previousImage", previous == null ? null : PodTemplates.images(previousTemplate))
                    .attr("diff", diff).attr("replicas", replicas == null ? 0 : replicas).attr("readyReplicas", ready == null ? 0 : ready)
                    .attr("current", i == 0).text(text.toString()));
        }
        return observations;
    }

    static Observation status(Deployment deployment, Instant alertStart) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        var spec = deployment.getSpec();
        var status = deployment.getStatus();
        int desired = spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas();
        int ready = status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
        int available = status == null || status.getAvailableReplicas() == null ? 0 : status.getAvailableReplicas();
        int unavailable = status == null || status.getUnavailableReplicas() == null ? Math.max(0, desired - available)
                : status.getUnavailableReplicas();
        int updated = status == null || status.getUpdatedReplicas() == null ? 0 : status.getUpdatedReplicas();
        Optional<DeploymentCondition> progressing = deploymentCondition(deployment, "Progressing");
        Optional<DeploymentCondition> availableCondition = deploymentCondition(deployment, "Available");
        Optional<DeploymentCondition> replicaFailure = deploymentCondition(deployment, "ReplicaFailure")
                .filter(c -> "True".equals(c.getStatus()));
        Instant at = progressing.map(c -> PodObservations.time(c.getLastUpdateTime() != null ? c.getLastUpdateTime()
                : c.getLastTransitionTime())).orElse(null);
        StringBuilder text = new StringBuilder("deployment ").append(name).append(": ").append(ready).append(" of ").append(desired)
                .append(" ready, ").append(available).append(" available, ").append(unavailable).append(" unavailable, ")
                .append(updated).append(" updated");
        progressing.ifPresent(c -> {
            text.append("; Progressing=").append(c.getStatus());
            if (c.getReason() != null) {
                text.append(" (").append(c.getReason()).append(')');
            }
            if (c.getMessage() != null) {
                text.append(": \"").append(c.getMessage()).append('"');
            }
            if (at != null) {
                text.append(" at ").append(at).append(" (").append(Relative.toAlert(at, alertStart)).append(')');
            }
        });
        replicaFailure.ifPresent(c -> text.append("; ReplicaFailure (").append(c.getReason()).append("): \"").append(c.getMessage())
                .append('"'));
        return Observation.of(SOURCE, Signal.WORKLOAD_STATUS, "deployment/" + namespace + "/" + name).at(at)
                .attr("kind", "Deployment").attr("name", name).attr("namespace", namespace).attr("desired", desired)
                .attr("ready", ready).attr("available", available).attr("unavailable", unavailable).attr("updated", updated)
                .attr("progressingReason", progressing.map(DeploymentCondition::getReason).orElse(null))
                .attr("progressingMessage", progressing.map(DeploymentCondition::getMessage).orElse(null))
                .attr("progressingStatus", progressing.map(DeploymentCondition::getStatus).orElse(null))
                .attr("availableStatus", availableCondition.map(DeploymentCondition::getStatus).orElse(null))
                .attr("replicaFailureReason", replicaFailure.map(DeploymentCondition::getReason).orElse(null))
                .attr("replicaFailureMessage", replicaFailure.map(DeploymentCondition::getMessage).orElse(null))
                .attr("paused", spec != null && Boolean.TRUE.equals(spec.getPaused()) ? "true" : null)
                .text(text.toString());
    }

    static Observation status(StatefulSet statefulSet) {
        String namespace = statefulSet.getMetadata().getNamespace();
        String name = statefulSet.getMetadata().getName();
        var spec = statefulSet.getSpec();
        var status = statefulSet.getStatus();
        int desired = spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas();
        int ready = status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
        int available = status == null || status.getAvailableReplicas() == null ? ready : status.getAvailableReplicas();
        int updated = status == null || status.getUpdatedReplicas() == null ? 0 : status.getUpdatedReplicas();
        String currentRevision = status == null ? null : status.getCurrentRevision();
        String updateRevision = status == null ? null : status.getUpdateRevision();
        boolean rolling = currentRevision != null && updateRevision != null && !currentRevision.equals(updateRevision);
        String text = "statefulset " + name + ": " + ready + " of " + desired + " ready, " + available + " available, "
                + Math.max(0, desired - available) + " unavailable, " + updated + " updated"
                + (rolling ? "; rolling from revision " + currentRevision + " to " + updateRevision : "");
        return Observation.of(SOURCE, Signal.WORKLOAD_STATUS, "statefulset/" + namespace + "/" + name)
                .attr("kind", "StatefulSet").attr("name", name).attr("namespace", namespace).attr("desired", desired)
                .attr("ready", ready).attr("available", available).attr("unavailable", Math.max(0, desired - available))
                .attr("updated", updated).attr("currentRevision", currentRevision).attr("updateRevision", updateRevision)
                .text(text);
    }

    /** CONTAINER_SPEC for each container of a pod template. */
    static List<Observation> specs(String namespace, String workload, PodTemplateSpec template, String from) {
        List<Observation> observations = new ArrayList<>();
        for (Container c : PodTemplates.containers(template)) {
            String memoryLimit = Quantities.text(Quantities.limit(c, "memory"));
            String memoryRequest = Quantities.text(Quantities.request(c, "memory"));
            String cpuLimit = Quantities.text(Quantities.limit(c, "cpu"));
            String cpuRequest = Quantities.text(Quantities.request(c, "cpu"));
            String liveness = PodTemplates.probe(c.getLivenessProbe());
            String readiness = PodTemplates.probe(c.getReadinessProbe());
            String startup = PodTemplates.probe(c.getStartupProbe());
            String env = PodTemplates.referencedEnv(c);
            String jvm = PodTemplates.jvmOptions(c);
            StringBuilder text = new StringBuilder("container ").append(c.getName()).append(" of ").append(workload).append(" (")
                    .append(from).append("): image ").append(c.getImage())
                    .append("; memory limit ").append(memoryLimit == null ? "none" : memoryLimit)
                    .append(", request ").append(memoryRequest == null ? "none" : memoryRequest)
                    .append("; cpu limit ").append(cpuLimit == null ? "none" : cpuLimit)
                    .append(", request ").append(cpuRequest == null ? "none" : cpuRequest);
            text.append("; liveness probe ").append(liveness == null ? "none" : liveness);
            if (readiness != null) {
                text.append("; readiness probe ").append(readiness);
            }
            if (startup != null) {
                text.append("; startup probe ").append(startup);
            }
            if (env != null) {
                text.append("; env ").append(env);
            }
            if (jvm != null) {
                text.append("; JVM ").append(jvm);
            }
            observations.add(Observation.of(SOURCE, Signal.CONTAINER_SPEC, "workload/" + namespace + "/" + workload + "/" + c.getName())
                    .attr("namespace", namespace).attr("workload", workload).attr("container", c.getName()).attr("image", c.getImage())
                    .attr("memoryLimit", memoryLimit).attr("memoryLimitBytes", Quantities.plain(Quantities.limit(c, "memory")))
                    .attr("memoryRequest", memoryRequest).attr("cpuLimit", cpuLimit)
                    .attr("cpuLimitCores", Quantities.plain(Quantities.limit(c, "cpu"))).attr("cpuRequest", cpuRequest)
                    .attr("livenessProbe", liveness).attr("readinessProbe", readiness).attr("startupProbe", startup).attr("env", env)
                    .attr("jvmOptions", jvm)
                    .text(text.toString()));
        }
        return observations;
    }

    private static Optional<DeploymentCondition> deploymentCondition(Deployment deployment, String type) {
        if (deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return deployment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
