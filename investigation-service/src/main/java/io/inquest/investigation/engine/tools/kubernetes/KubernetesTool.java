package io.inquest.investigation.engine.tools.kubernetes;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
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
 * history and state, the events about it (and the cluster autoscaler's, its HPAs', its Services'),
 * its nodes, and its namespace's quotas and limit ranges; then its neighbourhood, as an SRE reads
 * it next: the cluster DNS, the namespace's other unhealthy workloads and Services without ready
 * endpoints, the in-cluster services its env names, and who holds the capacity or quota its pods
 * lack. Read-only (get and list). The pods and the workload must be readable or the call fails;
 * any other read that fails is said in the summary and the rest is reported.
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

        Uni<Neighbourhood> around = neighbourhood(namespace, settings, problems);
        Uni<Optional<Observation>> dns = partial(clusterDns(settings.clusterDns(), subject.alert().startsAt()), Optional.empty(), problems,
                "the cluster DNS");

        return Uni.combine().all().unis(replicaSets, nodes, events, quotas, limitRanges, autoscalers, around, dns).asTuple()
                .flatMap(read -> {
            Instant alertStart = subject.alert().startsAt();
            List<ReplicaSet> owned = workload.deployment() == null ? List.of()
                    : RolloutObservations.ownedBy(workload.deployment(), read.getItem1());
            Set<String> readNodes = new LinkedHashSet<>();
            read.getItem2().forEach(n -> readNodes.add(n.getMetadata().getName()));
            readNodes.addAll(nodeNames);
            Set<String> ownPods = new HashSet<>();
            workload.pods().forEach(p -> ownPods.add(p.getMetadata().getName()));

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
            Set<String> autoscalerNames = new HashSet<>();
            read.getItem6().stream().filter(h -> h.getSpec() != null && h.getSpec().getScaleTargetRef() != null
                    && workload.name() != null && workload.name().equals(h.getSpec().getScaleTargetRef().getName()))
                    .forEach(h -> autoscalerNames.add(h.getMetadata().getName()));
            Predicate<ObjectReference> involves = EventObservations.involving(workload,
                    owned.stream().map(rs -> rs.getMetadata().getName()).toList(), readNodes);
            List<Event> relevant = read.getItem3().stream().filter(e -> e.getInvolvedObject() != null
                    && (involves.test(e.getInvolvedObject()) || EventObservations.aroundTheWorkload(e, autoscalerNames))).toList();
            observations.addAll(EventObservations.of(relevant, ref -> true, settings.maxEvents(), alertStart));
            read.getItem2().forEach(node -> observations.addAll(NodeObservations.of(node, alertStart)));
            template(workload, owned).ifPresent(t -> observations.addAll(RolloutObservations.specs(namespace, workload.name(), t.getValue(),
                    t.getKey())));
            read.getItem4().forEach(q -> observations.addAll(NamespaceObservations.quota(q)));
            read.getItem5().forEach(r -> observations.addAll(NamespaceObservations.limits(r)));
            observations.addAll(AutoscalerObservations.of(read.getItem6(), workload.name()));
            read.getItem8().ifPresent(observations::add);

            Neighbourhood near = read.getItem7();
            observations.addAll(NeighbourObservations.of(namespace, near.pods(), ownPods, read.getItem3(), settings.maxNeighbours(),
                    alertStart));
            observations.addAll(NeighbourObservations.endpoints(namespace, near.services(), near.endpoints()));
            quotaHolders(read.getItem3(), ownPods, near.pods(), alertStart).forEach(observations::add);

            Set<String> short_ = shortResources(workload, read.getItem3(), ownPods);
            Uni<List<Pod>> onNodes = short_.isEmpty() || settings.maxCapacityNodes() == 0 ? Uni.createFrom().item(List.of())
                    : partial(podsOnNodes(settings.maxCapacityNodes()), List.<Pod>of(), problems, "the pods on the nodes");
            List<DependencyObservations.Named> named = template(workload, owned)
                    .map(t -> DependencyObservations.named(t.getValue(), settings.maxDependencies())).orElse(List.of());
            Uni<List<Observation>> dependencies = partial(dependencies(named, alertStart), List.<Observation>of(), problems,
                    "the configured dependencies");
            return Uni.combine().all().unis(onNodes, dependencies).asTuple().map(more -> {
                for (String resource : short_) {
                    observations.addAll(CapacityObservations.onNodes(resource, more.getItem1(), ownPods, 3, alertStart));
                }
                observations.addAll(more.getItem2());
                return new ToolFindings(summary(workload, observations, problems, alertStart), observations);
            });
        });
    }

    /** Each configured in-cluster dependency: its Service, Endpoints, the workload of that name and its pods. */
    private Uni<List<Observation>> dependencies(List<DependencyObservations.Named> named, Instant alertStart) {
        if (named.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Observation>> reads = named.stream().map(n -> dependency(n).map(s -> DependencyObservations.of(s, alertStart))).toList();
        return Uni.join().all(reads).andFailFast();
    }

    private Uni<DependencyObservations.State> dependency(DependencyObservations.Named n) {
        String ns = n.namespace();
        String name = n.service();
        Uni<Service> service = access.<Service>read("get service " + ns + "/" + name, c -> c.services().inNamespace(ns).withName(name).get())
                .onFailure().recoverWithNull();
        Uni<Endpoints> endpoints = access.<Endpoints>read("get endpoints " + ns + "/" + name,
                c -> c.endpoints().inNamespace(ns).withName(name).get()).onFailure().recoverWithNull();
        Uni<Deployment> deployment = access.<Deployment>read("get deployment " + ns + "/" + name,
                c -> c.apps().deployments().inNamespace(ns).withName(name).get()).onFailure().recoverWithNull();
        Uni<StatefulSet> statefulSet = access.<StatefulSet>read("get statefulset " + ns + "/" + name,
                c -> c.apps().statefulSets().inNamespace(ns).withName(name).get()).onFailure().recoverWithNull();
        return Uni.combine().all().unis(service, endpoints, deployment, statefulSet).asTuple().flatMap(t -> {
            Map<String, String> selector = t.getItem3() != null && t.getItem3().getSpec() != null && t.getItem3().getSpec().getSelector() != null
                    ? t.getItem3().getSpec().getSelector().getMatchLabels()
                    : t.getItem4() != null && t.getItem4().getSpec() != null && t.getItem4().getSpec().getSelector() != null
                            ? t.getItem4().getSpec().getSelector().getMatchLabels()
                            : t.getItem1() != null && t.getItem1().getSpec() != null ? t.getItem1().getSpec().getSelector() : null;
            Uni<List<Pod>> pods = selector == null || selector.isEmpty() ? Uni.createFrom().item(List.of())
                    : access.<List<Pod>>read("list pods of " + ns + "/" + name, c -> c.pods().inNamespace(ns).withLabels(selector).list()
                            .getItems()).onFailure().recoverWithItem(List.of());
            return pods.map(p -> new DependencyObservations.State(n, t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4(), p));
        });
    }

    /** The rest of the namespace: every pod, the Services and their Endpoints. */
    record Neighbourhood(List<Pod> pods, List<Service> services, List<Endpoints> endpoints) {
    }

    private Uni<Neighbourhood> neighbourhood(String namespace, KubernetesSettings settings, List<String> problems) {
        if (settings.maxNeighbours() == 0) {
            return Uni.createFrom().item(new Neighbourhood(List.of(), List.of(), List.of()));
        }
        Uni<List<Pod>> pods = partial(access.read("list pods in " + namespace, c -> c.pods().inNamespace(namespace).list().getItems()),
                List.of(), problems, "the namespace's pods");
        Uni<List<Service>> services = partial(access.read("list services in " + namespace,
                c -> c.services().inNamespace(namespace).list().getItems()), List.of(), problems, "services");
        Uni<List<Endpoints>> endpoints = partial(access.read("list endpoints in " + namespace,
                c -> c.endpoints().inNamespace(namespace).list().getItems()), List.of(), problems, "endpoints");
        return Uni.combine().all().unis(pods, services, endpoints).asTuple()
                .map(t -> new Neighbourhood(t.getItem1(), t.getItem2(), t.getItem3()));
    }

    /**
     * The cluster DNS pods and Service; for each pod that crashed lately, the last lines of its
     * previous container, whose exit line says why (a loop detected, a bad Corefile).
     */
    private Uni<Optional<Observation>> clusterDns(KubernetesSettings.ClusterDns dns, Instant alertStart) {
        String namespace = dns.namespace();
        if (namespace == null || namespace.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Map<String, String> labels = ClusterDnsObservations.labels(dns.selector());
        Uni<List<Pod>> pods = access.read("list pods " + dns.selector() + " in " + namespace,
                c -> c.pods().inNamespace(namespace).withLabels(labels).list().getItems());
        Uni<Service> service = access.<Service>read("get service " + namespace + "/" + dns.service(),
                c -> c.services().inNamespace(namespace).withName(dns.service()).get()).onFailure().recoverWithNull();
        return Uni.combine().all().unis(pods, service).asTuple().flatMap(read -> {
            List<Pod> crashed = dns.logLines() == 0 ? List.of() : ClusterDnsObservations.crashed(read.getItem1(), alertStart).stream()
                    .limit(2).toList();
            if (crashed.isEmpty()) {
                return Uni.createFrom().item(ClusterDnsObservations.of(namespace, dns.selector(), dns.service(), read.getItem1(),
                        read.getItem2(), Map.of(), alertStart));
            }
            List<Uni<Map.Entry<String, String>>> logs = crashed.stream().map(pod -> previousLog(pod, dns.logLines(), alertStart)).toList();
            return Uni.join().all(logs).andFailFast().map(lines -> {
                Map<String, String> byPod = new LinkedHashMap<>();
                lines.stream().filter(e -> e.getValue() != null).forEach(e -> byPod.put(e.getKey(), e.getValue()));
                return ClusterDnsObservations.of(namespace, dns.selector(), dns.service(), read.getItem1(), read.getItem2(), byPod,
                        alertStart);
            });
        });
    }

    private Uni<Map.Entry<String, String>> previousLog(Pod pod, int lines, Instant alertStart) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String container = ClusterDnsObservations.lastCrash(pod, alertStart).map(Map.Entry::getKey).orElse("");
        String path = "/api/v1/namespaces/" + namespace + "/pods/" + name + "/log?container=" + container + "&previous=true&tailLines=" + lines;
        // A log that cannot be read leaves the DNS pods' state to speak for itself.
        return access.<String>read("read the previous log of " + name + "/" + container, c -> c.raw(path, "GET", null))
                .<Map.Entry<String, String>>map(body -> new AbstractMap.SimpleEntry<>(name, ClusterDnsObservations.exitLine(body)))
                .onFailure().recoverWithItem(new AbstractMap.SimpleEntry<>(name, null));
    }

    /** The resources the scheduler says the workload's Pending pods lack (Insufficient cpu, memory). */
    private static Set<String> shortResources(Workload workload, List<Event> events, Set<String> ownPods) {
        Set<String> resources = new LinkedHashSet<>();
        for (Pod pod : workload.pods()) {
            PodObservations.condition(pod, "PodScheduled").filter(c -> "False".equals(c.getStatus()))
                    .ifPresent(c -> resources.addAll(CapacityObservations.insufficient(c.getMessage())));
        }
        for (Event e : events) {
            if ("FailedScheduling".equals(e.getReason()) && e.getInvolvedObject() != null && ownPods.contains(e.getInvolvedObject().getName())) {
                resources.addAll(CapacityObservations.insufficient(e.getMessage()));
            }
        }
        resources.retainAll(Set.of("cpu", "memory", "ephemeral-storage"));
        return resources;
    }

    /** When a quota refused the workload's (or anyone's) pods recently: who is charged to it. */
    private List<Observation> quotaHolders(List<Event> events, Set<String> ownPods, List<Pod> namespacePods, Instant alertStart) {
        for (Event e : events) {
            if (!"FailedCreate".equals(e.getReason())) {
                continue;
            }
            Instant last = EventObservations.last(e);
            if (last != null && last.isBefore(alertStart.minus(ClusterDnsObservations.RECENT))) {
                continue;
            }
            var exceeded = CapacityObservations.exceeded(e.getMessage());
            if (exceeded.isPresent()) {
                return CapacityObservations.inQuota(exceeded.get().getKey(), exceeded.get().getValue(), namespacePods, 3, alertStart);
            }
        }
        return List.of();
    }

    /** The pods on the cluster's nodes (up to a number of nodes), in every namespace. */
    private Uni<List<Pod>> podsOnNodes(int maxNodes) {
        return access.read("list nodes", c -> c.nodes().list().getItems()).flatMap(all -> {
            List<String> names = all.stream().map(n -> n.getMetadata().getName()).limit(maxNodes).toList();
            if (names.isEmpty()) {
                return Uni.createFrom().item(List.<Pod>of());
            }
            List<Uni<List<Pod>>> reads = names.stream().map(n -> access.<List<Pod>>read("list pods on node " + n,
                    c -> c.pods().inAnyNamespace().withField("spec.nodeName", n).list().getItems().stream()
                            .filter(p -> p.getSpec() != null && n.equals(p.getSpec().getNodeName())).toList())).toList();
            return Uni.join().all(reads).andFailFast().map(lists -> lists.stream().flatMap(List::stream).toList());
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
        of(observations, Signal.CLUSTER_DNS).stream().filter(o -> o.is("healthy", "false"))
                .forEach(o -> parts.add("cluster DNS failing: " + o.attr("problems")));
        of(observations, Signal.NEIGHBOUR).stream().limit(3)
                .forEach(o -> parts.add("unhealthy in the namespace: " + o.attr("kind") + " " + o.attr("workload") + " (" + o.attr("ready")
                        + " of " + o.attr("total") + " Ready)"));
        of(observations, Signal.SERVICE_ENDPOINTS).stream().limit(3).forEach(o -> parts.add("no ready endpoints behind Service "
                + o.attr("service")));
        of(observations, Signal.DEPENDENCY).stream().filter(o -> o.is("healthy", "false"))
                .forEach(o -> parts.add("dependency " + o.attr("host") + " unhealthy"));
        of(observations, Signal.CAPACITY_HOLDER).stream().findFirst().ifPresent(o -> parts.add("largest holder: " + o.text()));
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
