package io.inquest.investigation.engine.tools.kubernetes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.inquest.investigation.engine.EvidenceTool;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Target;
import io.inquest.investigation.engine.ToolFindings;
import io.inquest.investigation.engine.diagnosis.Relative;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the cluster around the alert's workload: its pods and their containers, its rollout
 * history and state, the events about it, its nodes, and its namespace's quotas and limit ranges.
 * Read-only (get and list). The pods and the workload must be readable or the call fails; any other
 * read that fails is said in the summary and the rest is reported.
 */
@ApplicationScoped
public class KubernetesTool implements EvidenceTool {

    public static final String NAME = "kubernetes";

    private final KubernetesAccess access;
    private final WorkloadLocator locator;

    public KubernetesTool(KubernetesAccess access, WorkloadLocator locator) {
        this.access = access;
        this.locator = locator;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> notConfigured() {
        return access.notConfigured();
    }

    @Override
    public Uni<ToolFindings> investigate(Subject subject) {
        Target target = subject.target();
        if (WorkloadLocator.candidates(target).isEmpty() && target.pod() == null && target.node() == null) {
            return Uni.createFrom().item(ToolFindings.nothing("the alert names no workload, pod, service or node to look up"));
        }
        return locator.locate(subject).flatMap(workload -> {
            if (!workload.found() && target.node() == null) {
                return Uni.createFrom().item(ToolFindings.nothing("nothing found in namespace " + workload.namespace() + " for "
                        + String.join(", ", names(target)) + ": no Deployment, StatefulSet or pods by that name"));
            }
            return details(subject, workload);
        });
    }

    private Uni<ToolFindings> details(Subject subject, Workload workload) {
        KubernetesSettings settings = access.settings();
        String namespace = workload.namespace();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Set<String> nodeNames = new TreeSet<>();
        workload.pods().stream().map(p -> p.getSpec() == null ? null : p.getSpec().getNodeName()).filter(n -> n != null)
                .forEach(nodeNames::add);
        if (subject.target().node() != null) {
            nodeNames.add(subject.target().node());
        }

        Uni<List<ReplicaSet>> replicaSets = workload.deployment() == null ? Uni.createFrom().item(List.of())
                : partial(replicaSets(workload.deployment()), List.of(), problems, "ReplicaSets");
        Uni<List<Node>> nodes = partial(nodes(nodeNames, settings.maxNodesWhenUnknown()), List.of(), problems, "nodes");
        Uni<List<Event>> events = partial(events(namespace), List.of(), problems, "events");
        Uni<List<ResourceQuota>> quotas = partial(access.read("list resourcequotas in " + namespace,
                c -> c.resourceQuotas().inNamespace(namespace).list().getItems()), List.of(), problems, "resource quotas");
        Uni<List<LimitRange>> limitRanges = partial(access.read("list limitranges in " + namespace,
                c -> c.limitRanges().inNamespace(namespace).list().getItems()), List.of(), problems, "limit ranges");
        Uni<List<HorizontalPodAutoscaler>> autoscalers = partial(access.read("list horizontalpodautoscalers in " + namespace,
                c -> c.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems()), List.of(), problems,
                "autoscalers");

        return Uni.combine().all().unis(replicaSets, nodes, events, quotas, limitRanges, autoscalers).asTuple().map(read -> {
            Instant alertStart = subject.alert().startsAt();
            List<ReplicaSet> owned = workload.deployment() == null ? List.of()
                    : RolloutObservations.ownedBy(workload.deployment(), read.getItem1());
            Set<String> readNodes = new LinkedHashSet<>();
            read.getItem2().forEach(n -> readNodes.add(n.getMetadata().getName()));
            readNodes.addAll(nodeNames);

            List<Observation> observations = new ArrayList<>();
            if (workload.deployment() != null) {
                observations.add(RolloutObservations.status(workload.deployment(), alertStart));
                observations.addAll(RolloutObservations.rollouts(workload.deployment(), owned, rs -> createdAt(rs, workload.pods(),
                        read.getItem3()), settings.maxRollouts(), alertStart));
            } else if (workload.statefulSet() != null) {
                observations.add(RolloutObservations.status(workload.statefulSet()));
            }
            List<Pod> reported = workload.pods().stream().limit(settings.maxPods()).toList();
            reported.forEach(pod -> observations.addAll(PodObservations.of(pod, alertStart)));
            observations.addAll(EventObservations.of(read.getItem3(),
                    EventObservations.involving(workload, owned.stream().map(rs -> rs.getMetadata().getName()).toList(), readNodes),
                    settings.maxEvents(), alertStart));
            read.getItem2().forEach(node -> observations.addAll(NodeObservations.of(node, alertStart)));
            template(workload, owned).ifPresent(t -> observations.addAll(RolloutObservations.specs(namespace, workload.name(), t.getValue(),
                    t.getKey())));
            read.getItem4().forEach(q -> observations.addAll(NamespaceObservations.quota(q)));
            read.getItem5().forEach(r -> observations.addAll(NamespaceObservations.limits(r)));
            observations.addAll(AutoscalerObservations.of(read.getItem6(), workload.name()));
            return new ToolFindings(summary(workload, observations, problems, alertStart), observations);
        });
    }

    /**
     * When a ReplicaSet was created: its creationTimestamp, unless its first scale-up or its pods'
     * start say earlier. They never do in a cluster; they do in a copy of the objects (a restore,
     * a test server), which stamps every object with the time it was loaded.
     */
    static Instant createdAt(ReplicaSet rs, List<Pod> pods, List<Event> events) {
        String name = rs.getMetadata().getName();
        Instant at = PodObservations.time(rs.getMetadata().getCreationTimestamp());
        for (Event e : events) {
            if ("ScalingReplicaSet".equals(e.getReason()) && e.getMessage() != null
                    && e.getMessage().startsWith("Scaled up replica set " + name + " ")) {
                at = earliest(at, EventObservations.first(e));
            }
        }
        for (Pod pod : pods) {
            if (WorkloadLocator.controller(pod).map(o -> name.equals(o.getName())).orElse(false) && pod.getStatus() != null) {
                at = earliest(at, PodObservations.time(pod.getStatus().getStartTime()));
            }
        }
        return at;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : b.isBefore(a) ? b : a;
    }

    private Uni<List<ReplicaSet>> replicaSets(Deployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        var selector = deployment.getSpec() == null ? null : deployment.getSpec().getSelector();
        Map<String, String> labels = selector == null || selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return access.read("list replicasets of deployment " + namespace + "/" + deployment.getMetadata().getName(),
                c -> labels.isEmpty() ? c.apps().replicaSets().inNamespace(namespace).list().getItems()
                        : c.apps().replicaSets().inNamespace(namespace).withLabels(labels).list().getItems());
    }

    /** The named nodes; when none is known, every node if there are few. */
    private Uni<List<Node>> nodes(Set<String> names, int maxWhenUnknown) {
        if (names.isEmpty()) {
            if (maxWhenUnknown == 0) {
                return Uni.createFrom().item(List.of());
            }
            return access.read("list nodes", c -> c.nodes().list().getItems())
                    .map(all -> all.size() <= maxWhenUnknown ? all : List.<Node>of());
        }
        List<Uni<Node>> reads = names.stream().map(n -> access.<Node>read("get node " + n, c -> c.nodes().withName(n).get())).toList();
        return Uni.join().all(reads).andFailFast().map(found -> found.stream().filter(n -> n != null).toList());
    }

    /** The namespace's events, and the node events that Kubernetes records in {@code default}. */
    private Uni<List<Event>> events(String namespace) {
        Uni<List<Event>> here = access.read("list events in " + namespace, c -> c.v1().events().inNamespace(namespace).list().getItems());
        if ("default".equals(namespace)) {
            return here;
        }
        Uni<List<Event>> nodeEvents = access.read("list events in default",
                c -> c.v1().events().inNamespace("default").list().getItems().stream()
                        .filter(e -> e.getInvolvedObject() != null && "Node".equals(e.getInvolvedObject().getKind())).toList());
        return Uni.combine().all().unis(here, nodeEvents).with((a, b) -> {
            List<Event> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        });
    }

    /** The pod template the workload runs now: its newest ReplicaSet's, else the workload's, else a pod's. */
    private static Optional<Map.Entry<String, PodTemplateSpec>> template(Workload workload, List<ReplicaSet> newestFirst) {
        if (!newestFirst.isEmpty() && newestFirst.get(0).getSpec() != null && newestFirst.get(0).getSpec().getTemplate() != null) {
            return Optional.of(Map.entry("ReplicaSet " + newestFirst.get(0).getMetadata().getName(),
                    newestFirst.get(0).getSpec().getTemplate()));
        }
        if (workload.deployment() != null && workload.deployment().getSpec() != null) {
            return Optional.ofNullable(workload.deployment().getSpec().getTemplate()).map(t -> Map.entry("its Deployment's template", t));
        }
        if (workload.statefulSet() != null && workload.statefulSet().getSpec() != null) {
            return Optional.ofNullable(workload.statefulSet().getSpec().getTemplate()).map(t -> Map.entry("its StatefulSet's template", t));
        }
        return workload.pods().stream().filter(p -> p.getSpec() != null).findFirst()
                .map(p -> Map.entry("pod " + p.getMetadata().getName(), new PodTemplateSpec(p.getMetadata(), p.getSpec())));
    }

    private static <T> Uni<T> partial(Uni<T> read, T otherwise, List<String> problems, String what) {
        return read.onFailure().recoverWithItem(failure -> {
            problems.add("could not read " + what + ": " + failure.getMessage());
            return otherwise;
        });
    }

    static String summary(Workload workload, List<Observation> observations, List<String> problems, Instant alertStart) {
        List<String> parts = new ArrayList<>();
        List<Observation> pods = of(observations, Signal.POD_STATUS);
        long ready = pods.stream().filter(o -> o.is("ready", "true")).count();
        long restarts = pods.stream().mapToLong(o -> o.number("restarts").orElse(0.0).longValue()).sum();
        parts.add(workload.describe() + ": " + ready + " of " + pods.size() + " pod(s) Ready, " + restarts + " restart(s)");
        Set<String> states = new LinkedHashSet<>();
        of(observations, Signal.CONTAINER_WAITING).forEach(o -> states.add(o.attr("container") + " waiting: " + o.attr("reason")));
        of(observations, Signal.CONTAINER_TERMINATED).forEach(o -> states.add(o.attr("container") + " "
                + ("current".equals(o.attr("state")) ? "terminated: " : "last terminated: ") + o.attr("reason")
                + " (exit code " + o.attr("exitCode") + ")"));
        states.stream().limit(4).forEach(parts::add);
        List<Observation> unschedulable = of(observations, Signal.POD_UNSCHEDULABLE);
        if (!unschedulable.isEmpty()) {
            parts.add(unschedulable.size() + " pod(s) unschedulable: " + unschedulable.get(0).attr("message"));
        }
        of(observations, Signal.WORKLOAD_STATUS).stream().filter(o -> o.attr("progressingReason") != null
                && !"NewReplicaSetAvailable".equals(o.attr("progressingReason")) && !"ReplicaSetUpdated".equals(o.attr("progressingReason")))
                .forEach(o -> parts.add("Progressing " + o.attr("progressingReason")));
        of(observations, Signal.ROLLOUT).stream().filter(o -> o.is("current", "true")).findFirst()
                .ifPresent(o -> parts.add("latest rollout: revision " + o.attr("revision", "?") + " (ReplicaSet " + o.attr("replicaSet") + ") "
                        + Relative.toAlert(o.at(), alertStart)
                        + (o.attr("diff") == null || o.attr("diff").isEmpty() ? "" : ": " + o.attr("diff"))));
        Set<String> warnings = new TreeSet<>();
        of(observations, Signal.EVENT).stream().filter(o -> o.is("type", "Warning")).forEach(o -> warnings.add(o.attr("reason")));
        if (!warnings.isEmpty()) {
            parts.add("Warning events: " + String.join(", ", warnings));
        }
        List<Observation> nodes = of(observations, Signal.NODE_CONDITION);
        List<String> sick = nodes.stream().filter(o -> o.is("healthy", "false"))
                .map(o -> o.attr("node") + " " + o.attr("condition") + "=" + o.attr("status")).toList();
        if (!nodes.isEmpty()) {
            parts.add(sick.isEmpty() ? "nodes Ready with no pressure" : "node trouble: " + String.join(", ", sick));
        }
        of(observations, Signal.QUOTA_USAGE).stream().filter(o -> o.number("ratio").orElse(0.0) >= 0.8)
                .forEach(o -> parts.add("quota " + o.attr("quota") + " " + o.attr("resource") + " " + o.attr("used") + " of " + o.attr("hard")));
        parts.addAll(problems);
        return String.join("; ", parts);
    }

    private static List<Observation> of(List<Observation> observations, Signal signal) {
        return observations.stream().filter(o -> o.signal() == signal).toList();
    }

    private static List<String> names(Target target) {
        List<String> names = new ArrayList<>(WorkloadLocator.candidates(target));
        if (target.pod() != null) {
            names.add("pod " + target.pod());
        }
        return names;
    }
}
