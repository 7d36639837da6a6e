package io.inquest.investigation.engine.tools.kubernetes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Target;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the workload an alert points at and its pods: the Deployment or StatefulSet by name and
 * its selector; else pods labelled {@code app}, {@code app.kubernetes.io/name} or {@code service}
 * with the name; else pods named after it. A pod the alert names is always among them, with its
 * siblings.
 */
@ApplicationScoped
public class WorkloadLocator {

    static final List<String> NAME_LABELS = List.of("app", "app.kubernetes.io/name", "service");

    private final KubernetesAccess access;

    public WorkloadLocator(KubernetesAccess access) {
        this.access = access;
    }

    public String namespaceOf(Subject subject) {
        String named = subject.target().namespace();
        return named == null || named.isBlank() ? access.defaultNamespace() : named;
    }

    /** The names that may be the workload's: the workload the alert names, then its service. */
    static List<String> candidates(Target target) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : new String[] {target.workload(), target.service()}) {
            if (name != null && !name.isBlank()) {
                names.add(name.trim());
            }
        }
        return List.copyOf(names);
    }

    public Uni<Workload> locate(Subject subject) {
        String namespace = namespaceOf(subject);
        Target target = subject.target();
        List<String> names = candidates(target);
        List<Uni<Object>> reads = new ArrayList<>();
        reads.add(access.read("list pods in " + namespace, c -> c.pods().inNamespace(namespace).list().getItems()));
        for (String name : names) {
            reads.add(access.read("get deployment " + namespace + "/" + name,
                    c -> c.apps().deployments().inNamespace(namespace).withName(name).get()));
            reads.add(access.read("get statefulset " + namespace + "/" + name,
                    c -> c.apps().statefulSets().inNamespace(namespace).withName(name).get()));
        }
        return Uni.join().all(reads).andFailFast().flatMap(answers -> {
            @SuppressWarnings("unchecked")
            List<Pod> pods = (List<Pod>) answers.get(0);
            Deployment deployment = null;
            StatefulSet statefulSet = null;
            for (int i = 1; i < answers.size(); i += 2) {
                if (deployment == null && statefulSet == null) {
                    deployment = (Deployment) answers.get(i);
                    statefulSet = deployment == null ? (StatefulSet) answers.get(i + 1) : null;
                }
            }
            Workload found = resolve(namespace, target, names, pods, deployment, statefulSet);
            if (found.kind() != null || found.pods().isEmpty()) {
                return Uni.createFrom().item(found);
            }
            // Pods by label or name, but no workload by the alert's names (app=cart, Deployment cart-api): their owner's.
            Pod first = named(target, found.pods()).orElse(found.pods().get(0));
            return ownerOf(namespace, first).map(owner -> owner == null ? found
                    : resolve(namespace, target, names, pods, owner instanceof Deployment d ? d : null,
                            owner instanceof StatefulSet s ? s : null));
        });
    }

    /** The Deployment (through its ReplicaSet) or StatefulSet that owns a pod; null when it has none. */
    private Uni<Object> ownerOf(String namespace, Pod pod) {
        Optional<OwnerReference> owner = controller(pod);
        if (owner.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String kind = owner.get().getKind();
        String name = owner.get().getName();
        if ("StatefulSet".equals(kind)) {
            return access.read("get statefulset " + namespace + "/" + name,
                    c -> c.apps().statefulSets().inNamespace(namespace).withName(name).get());
        }
        if (!"ReplicaSet".equals(kind)) {
            return Uni.createFrom().nullItem();
        }
        return access.<ReplicaSet>read("get replicaset " + namespace + "/" + name,
                c -> c.apps().replicaSets().inNamespace(namespace).withName(name).get())
                .flatMap(replicaSet -> {
                    Optional<OwnerReference> deployment = Optional.ofNullable(replicaSet).flatMap(WorkloadLocator::controller)
                            .filter(o -> "Deployment".equals(o.getKind()));
                    if (deployment.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    String deploymentName = deployment.get().getName();
                    return access.read("get deployment " + namespace + "/" + deploymentName,
                            c -> c.apps().deployments().inNamespace(namespace).withName(deploymentName).get());
                });
    }

    static Workload resolve(String namespace, Target target, List<String> names, List<Pod> all, Deployment deployment,
            StatefulSet statefulSet) {
        String kind = null;
        String name = names.isEmpty() ? null : names.get(0);
        String matchedBy = null;
        List<Pod> pods = List.of();
        LabelSelector selector = null;
        if (deployment != null) {
            kind = "Deployment";
            name = deployment.getMetadata().getName();
            selector = deployment.getSpec() == null ? null : deployment.getSpec().getSelector();
        } else if (statefulSet != null) {
            kind = "StatefulSet";
            name = statefulSet.getMetadata().getName();
            selector = statefulSet.getSpec() == null ? null : statefulSet.getSpec().getSelector();
        }
        if (selector != null && !isEmpty(selector)) {
            LabelSelector s = selector;
            pods = all.stream().filter(p -> matches(s, labels(p))).toList();
            matchedBy = "the " + kind + "'s selector " + describe(selector);
        }
        if (pods.isEmpty() && kind != null) {
            String owner = name;
            pods = all.stream().filter(p -> owner.equals(Target.workloadOfPod(p.getMetadata().getName()))).toList();
            matchedBy = pods.isEmpty() ? matchedBy : "pod names " + owner + "-*";
        }
        if (kind == null) {
            for (String candidate : names) {
                for (String label : NAME_LABELS) {
                    List<Pod> labelled = all.stream().filter(p -> candidate.equals(labels(p).get(label))).toList();
                    if (pods.isEmpty() && !labelled.isEmpty()) {
                        pods = labelled;
                        name = candidate;
                        matchedBy = "label " + label + "=" + candidate;
                    }
                }
            }
            for (String candidate : names) {
                if (pods.isEmpty()) {
                    pods = all.stream().filter(p -> candidate.equals(Target.workloadOfPod(p.getMetadata().getName()))).toList();
                    name = candidate;
                    matchedBy = pods.isEmpty() ? null : "pod names " + candidate + "-*";
                }
            }
        }
        Optional<Pod> namedPod = named(target, all);
        if (namedPod.isPresent() && pods.stream().noneMatch(p -> p == namedPod.get())) {
            Pod pod = namedPod.get();
            Optional<OwnerReference> owner = controller(pod);
            String family = Target.workloadOfPod(pod.getMetadata().getName());
            Predicate<Pod> sibling = owner.isPresent()
                    ? p -> controller(p).map(o -> o.getName().equals(owner.get().getName())).orElse(false)
                    : p -> family.equals(Target.workloadOfPod(p.getMetadata().getName()));
            List<Pod> withSiblings = new ArrayList<>(pods);
            all.stream().filter(p -> p == pod || sibling.test(p)).filter(p -> !withSiblings.contains(p)).forEach(withSiblings::add);
            pods = withSiblings;
            if (name == null || matchedBy == null) {
                name = family;
                matchedBy = "the pod " + pod.getMetadata().getName() + " and its siblings";
            }
        }
        List<Pod> ordered = pods.stream().sorted(Comparator.comparing((Pod p) -> healthy(p))
                .thenComparing(p -> p.getMetadata().getName())).toList();
        return new Workload(namespace, kind, name, deployment, statefulSet, ordered, matchedBy);
    }

    private static Optional<Pod> named(Target target, List<Pod> pods) {
        if (target.pod() == null) {
            return Optional.empty();
        }
        return pods.stream().filter(p -> target.pod().equals(p.getMetadata().getName())).findFirst();
    }

    static Optional<OwnerReference> controller(Pod pod) {
        return controller(pod.getMetadata().getOwnerReferences());
    }

    static Optional<OwnerReference> controller(ReplicaSet replicaSet) {
        return controller(replicaSet.getMetadata().getOwnerReferences());
    }

    private static Optional<OwnerReference> controller(List<OwnerReference> owners) {
        if (owners == null || owners.isEmpty()) {
            return Optional.empty();
        }
        return owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().or(() -> Optional.of(owners.get(0)));
    }

    /** Ready and never restarted. */
    static boolean healthy(Pod pod) {
        return PodObservations.ready(pod) && PodObservations.restarts(pod) == 0;
    }

    static Map<String, String> labels(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    static boolean isEmpty(LabelSelector selector) {
        return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null) {
            for (var entry : selector.getMatchLabels().entrySet()) {
                if (!Objects.equals(entry.getValue(), labels.get(entry.getKey()))) {
                    return false;
                }
            }
        }
        for (LabelSelectorRequirement r : selector.getMatchExpressions() == null ? List.<LabelSelectorRequirement>of()
                : selector.getMatchExpressions()) {
            String value = labels.get(r.getKey());
            List<String> values = r.getValues() == null ? List.of() : r.getValues();
            boolean ok = switch (r.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String describe(LabelSelector selector) {
        List<String> parts = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> parts.add(k + "=" + v));
        }
        if (selector.getMatchExpressions() != null) {
            selector.getMatchExpressions().forEach(r -> parts.add(r.getKey() + " " + r.getOperator()
                    + (r.getValues() == null || r.getValues().isEmpty() ? "" : " (" + String.join(",", r.getValues()) + ")")));
        }
        return String.join(",", parts);
    }
}
