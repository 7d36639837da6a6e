package io.inquest.investigation.engine.tools.kubernetes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.diagnosis.Relative;

/**
 * Who holds what a pod lacks. The scheduler places pods by their requests, not their use: when it
 * answers "Insufficient memory", the pods already on the nodes hold the memory, and the largest
 * requesters among them are the answer. When a ResourceQuota refuses a pod, the pods charged to it,
 * by workload and age, show who used it up.
 */
final class CapacityObservations {

    private static final Pattern INSUFFICIENT = Pattern.compile("Insufficient ([a-zA-Z0-9./-]+)");
    private static final Pattern EXCEEDED = Pattern.compile("exceeded quota: ([^,]+), requested: ([^,]+?)=");
    private static final BigDecimal GI = BigDecimal.valueOf(1024L * 1024 * 1024);
    private static final BigDecimal MI = BigDecimal.valueOf(1024L * 1024);

    private CapacityObservations() {
    }

    /** The resources a scheduler message says are short ("3 Insufficient cpu, 2 Insufficient memory" → cpu, memory). */
    static Set<String> insufficient(String schedulerMessage) {
        Set<String> resources = new LinkedHashSet<>();
        if (schedulerMessage != null) {
            Matcher m = INSUFFICIENT.matcher(schedulerMessage);
            while (m.find()) {
                resources.add(m.group(1).replaceAll("[.,]$", ""));
            }
        }
        return resources;
    }

    /** The quota and resource a FailedCreate names ("exceeded quota: compute, requested: limits.memory=1Gi" → compute, limits.memory). */
    static Optional<Map.Entry<String, String>> exceeded(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = EXCEEDED.matcher(message);
        return m.find() ? Optional.of(Map.entry(m.group(1).trim(), m.group(2).trim())) : Optional.empty();
    }

    /** One workload's share. */
    private static final class Share {
        final String namespace;
        final Owners.Owner owner;
        final Set<String> nodes = new TreeSet<>();
        final Set<String> perPod = new LinkedHashSet<>();
        final Map<String, Integer> phases = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal largest = BigDecimal.ZERO;
        int pods;
        Instant oldest;

        Share(String namespace, Owners.Owner owner) {
            this.namespace = namespace;
            this.owner = owner;
        }
    }

    /**
     * The largest requesters of a short resource on the nodes, other than the pending workload.
     *
     * @param pods     the pods running on the nodes (any namespace)
     * @param excluded the pending workload's pods
     */
    static List<Observation> onNodes(String resource, List<Pod> pods, Set<String> excluded, int max, Instant alertStart) {
        Map<String, Share> shares = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (excluded.contains(pod.getMetadata().getName()) || terminated(pod) || pod.getSpec() == null
                    || pod.getSpec().getNodeName() == null) {
                continue;
            }
            BigDecimal request = request(pod, resource, false);
            if (request.signum() == 0) {
                continue;
            }
            Share share = share(shares, pod);
            share.nodes.add(pod.getSpec().getNodeName());
            share.perPod.add(format(resource, request));
            share.total = share.total.add(request);
            share.largest = share.largest.max(request);
        }
        return shares.values().stream().sorted(Comparator.comparing((Share s) -> s.total).reversed()).limit(max).map(s -> {
            String each = s.perPod.size() == 1 ? s.perPod.iterator().next() + " " + resource + " each" : "up to "
                    + format(resource, s.largest) + " " + resource;
            String text = "pods of " + s.owner.describe() + " (namespace " + s.namespace + ") request " + each + ": " + s.pods + " "
                    + phases(s) + " on " + String.join(", ", s.nodes) + ", " + format(resource, s.total) + " " + resource + " in all"
                    + (s.oldest == null ? "" : ", the oldest started " + Relative.toAlert(s.oldest, alertStart));
            return Observation.of(KubernetesTool.NAME, Signal.CAPACITY_HOLDER, s.owner.kind().toLowerCase() + "/" + s.namespace + "/"
                    + s.owner.name()).at(s.oldest).attr("scope", "nodes").attr("resource", resource).attr("namespace", s.namespace)
                    .attr("workload", s.owner.name()).attr("kind", s.owner.kind()).attr("pods", s.pods)
                    .attr("request", s.perPod.size() == 1 ? s.perPod.iterator().next() : null).attr("total", format(resource, s.total))
                    .attr("nodes", String.join(", ", s.nodes)).text(text);
        }).toList();
    }

    /**
     * The pods charged to a quota, by workload: the most pods (for {@code pods}) or the largest
     * share of the resource first.
     */
    static List<Observation> inQuota(String quota, String resource, List<Pod> pods, int max, Instant alertStart) {
        String base = resource.replaceFirst("^(requests|limits)\\.", "");
        boolean limits = resource.startsWith("limits.");
        boolean countOnly = !"cpu".equals(base) && !"memory".equals(base) && !"ephemeral-storage".equals(base);
        Map<String, Share> shares = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (terminated(pod)) {
                continue;
            }
            Share share = share(shares, pod);
            if (!countOnly) {
                BigDecimal amount = request(pod, base, limits);
                share.total = share.total.add(amount);
                share.perPod.add(format(base, amount));
            }
        }
        Comparator<Share> order = countOnly ? Comparator.comparingInt((Share s) -> -s.pods)
                : Comparator.comparing((Share s) -> s.total).reversed();
        return shares.values().stream().sorted(order).limit(max).map(s -> {
            StringBuilder text = new StringBuilder().append(s.pods).append(" pod(s) of ").append(s.owner.describe()).append(' ')
                    .append(phases(s)).append(" in namespace ").append(s.namespace).append(", charged to quota ").append(quota);
            if (!countOnly) {
                text.append(": ").append(format(base, s.total)).append(' ').append(resource).append(" in all");
            }
            if (s.oldest != null) {
                text.append("; the oldest started ").append(Relative.toAlert(s.oldest, alertStart)).append(" (").append(s.oldest).append(')');
            }
            return Observation.of(KubernetesTool.NAME, Signal.CAPACITY_HOLDER, s.owner.kind().toLowerCase() + "/" + s.namespace + "/"
                    + s.owner.name()).at(s.oldest).attr("scope", "quota").attr("quota", quota).attr("resource", resource)
                    .attr("namespace", s.namespace).attr("workload", s.owner.name()).attr("kind", s.owner.kind()).attr("pods", s.pods)
                    .attr("phase", String.join(", ", s.phases.keySet())).attr("oldest", s.oldest)
                    .attr("total", countOnly ? null : format(base, s.total)).text(text.toString());
        }).toList();
    }

    private static Share share(Map<String, Share> shares, Pod pod) {
        Owners.Owner owner = Owners.of(pod);
        String namespace = pod.getMetadata().getNamespace();
        Share share = shares.computeIfAbsent(namespace + "/" + owner.kind() + "/" + owner.name(), k -> new Share(namespace, owner));
        share.pods++;
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Unknown" : pod.getStatus().getPhase();
        share.phases.merge(phase, 1, Integer::sum);
        Instant started = pod.getStatus() == null ? null : PodObservations.time(pod.getStatus().getStartTime());
        if (started == null) {
            started = PodObservations.time(pod.getMetadata().getCreationTimestamp());
        }
        if (started != null && (share.oldest == null || started.isBefore(share.oldest))) {
            share.oldest = started;
        }
        return share;
    }

    private static String phases(Share s) {
        return String.join(" and ", s.phases.entrySet().stream()
                .map(e -> s.phases.size() == 1 ? e.getKey() : e.getValue() + " " + e.getKey()).toList());
    }

    private static boolean terminated(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** A pod's request (or limit) of a resource: the sum over its containers, or the largest init container's if larger. */
    static BigDecimal request(Pod pod, String resource, boolean limit) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Container c : PodTemplates.containers(pod.getSpec())) {
            BigDecimal v = Quantities.number(limit ? Quantities.limit(c, resource) : Quantities.request(c, resource));
            sum = v == null ? sum : sum.add(v);
        }
        if (pod.getSpec().getInitContainers() != null) {
            for (Container c : pod.getSpec().getInitContainers()) {
                BigDecimal v = Quantities.number(limit ? Quantities.limit(c, resource) : Quantities.request(c, resource));
                sum = v != null && v.compareTo(sum) > 0 ? v : sum;
            }
        }
        return sum;
    }

    /** {@code 12Gi}, {@code 6758Mi}, {@code 500m}, {@code 2}. */
    static String format(String resource, BigDecimal amount) {
        if ("cpu".equals(resource)) {
            if (amount.compareTo(BigDecimal.ONE) < 0) {
                return amount.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.HALF_UP).toPlainString() + "m";
            }
            return amount.stripTrailingZeros().toPlainString();
        }
        if ("memory".equals(resource) || "ephemeral-storage".equals(resource)) {
            if (amount.remainder(GI).signum() == 0 && amount.signum() > 0) {
                return amount.divide(GI).toPlainString() + "Gi";
            }
            return amount.divide(MI, 0, RoundingMode.HALF_UP).toPlainString() + "Mi";
        }
        return amount.stripTrailingZeros().toPlainString();
    }
}
