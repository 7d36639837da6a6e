package io.inquest.investigation.engine.tools.kubernetes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.diagnosis.Relative;

/**
 * The rest of the namespace, as an SRE glances at it ({@code kubectl get pods}, {@code kubectl get
 * endpoints}): the other workloads whose pods crash-loop, are not Ready or stay Pending, with their
 * Warning events; and the Services with no ready address behind them. A service that fails
 * because something it calls is down shows that something here.
 */
final class NeighbourObservations {

    private NeighbourObservations() {
    }

    /** One unhealthy workload's pods. */
    private static final class Group {
        final Owners.Owner owner;
        final List<String> pods = new ArrayList<>();
        final Set<String> reasons = new LinkedHashSet<>();
        final Set<String> ports = new TreeSet<>();
        final Set<String> ips = new TreeSet<>();
        final Map<String, String> events = new LinkedHashMap<>();
        int total;
        int ready;
        int restarts;
        Instant since;

        Group(Owners.Owner owner) {
            this.owner = owner;
        }
    }

    /**
     * @param pods     every pod of the namespace
     * @param excluded the alert's own workload's pods (by name)
     */
    static List<Observation> of(String namespace, List<Pod> pods, Set<String> excluded, List<Event> events, int max, Instant alertStart) {
        Map<Owners.Owner, Group> groups = new LinkedHashMap<>();
        Map<String, Group> byPod = new LinkedHashMap<>();
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if (excluded.contains(name) || "Succeeded".equals(phase)) {
                continue;
            }
            Group group = groups.computeIfAbsent(Owners.of(pod), Group::new);
            group.total++;
            List<String> reasons = problems(pod, alertStart);
            boolean ready = PodObservations.ready(pod);
            if (ready) {
                group.ready++;
            }
            ports(pod).forEach(group.ports::add);
            if (pod.getStatus() != null && pod.getStatus().getPodIP() != null) {
                group.ips.add(pod.getStatus().getPodIP());
            }
            if (reasons.isEmpty()) {
                continue;
            }
            group.pods.add(name);
            group.reasons.addAll(reasons);
            group.restarts += PodObservations.restarts(pod);
            Instant since = PodObservations.condition(pod, "Ready").filter(c -> !"True".equals(c.getStatus()))
                    .map(c -> PodObservations.time(c.getLastTransitionTime())).orElse(null);
            group.since = since == null ? group.since : group.since == null || since.isBefore(group.since) ? since : group.since;
            byPod.put(name, group);
        }
        for (Event e : events) {
            if (!"Warning".equals(e.getType()) || e.getInvolvedObject() == null || e.getMessage() == null) {
                continue;
            }
            Group group = "Pod".equals(e.getInvolvedObject().getKind()) ? byPod.get(e.getInvolvedObject().getName()) : null;
            if (group != null && group.events.size() < 3) {
                group.events.putIfAbsent(e.getMessage().replaceAll("[0-9]+", "#"), e.getReason() + ": " + e.getMessage().strip());
            }
        }
        return groups.values().stream().filter(g -> !g.pods.isEmpty())
                .sorted(Comparator.comparingInt((Group g) -> -g.pods.size()))
                .limit(max).map(g -> observation(namespace, g, alertStart)).toList();
    }

    private static Observation observation(String namespace, Group g, Instant alertStart) {
        StringBuilder text = new StringBuilder(g.owner.describe()).append(" in namespace ").append(namespace).append(" (another workload): ")
                .append(g.ready).append(" of ").append(g.total).append(" pods Ready; ")
                .append(String.join("; ", g.reasons.stream().limit(4).toList()));
        if (g.since != null) {
            text.append("; not Ready since ").append(Relative.toAlert(g.since, alertStart));
        }
        if (!g.events.isEmpty()) {
            text.append("; events: \"").append(String.join("\", \"", g.events.values())).append('"');
        }
        return Observation.of(KubernetesTool.NAME, Signal.NEIGHBOUR, g.owner.kind().toLowerCase() + "/" + namespace + "/" + g.owner.name())
                .at(g.since).attr("namespace", namespace).attr("workload", g.owner.name()).attr("kind", g.owner.kind())
                .attr("pods", String.join(", ", g.pods)).attr("ready", g.ready).attr("total", g.total)
                .attr("reasons", String.join(", ", g.reasons)).attr("restarts", g.restarts)
                .attr("events", g.events.isEmpty() ? null : String.join("; ", g.events.values()))
                .attr("ports", g.ports.isEmpty() ? null : String.join(", ", g.ports))
                .attr("podIPs", g.ips.isEmpty() ? null : String.join(", ", g.ips))
                .text(text.toString());
    }

    /** What is wrong with a pod, worded with its reasons ("pod redis-0: redis CrashLoopBackOff, last exit code 1 (Error)"); empty when healthy. */
    static List<String> problems(Pod pod, Instant alertStart) {
        String name = pod.getMetadata().getName();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        List<String> problems = new ArrayList<>();
        if ("Failed".equals(phase)) {
            String reason = pod.getStatus().getReason();
            problems.add("pod " + name + " Failed" + (reason == null ? "" : " (" + reason + ")"));
            return problems;
        }
        if ("Pending".equals(phase) && PodObservations.condition(pod, "PodScheduled").map(c -> "False".equals(c.getStatus())).orElse(false)) {
            String message = PodObservations.condition(pod, "PodScheduled").map(c -> c.getMessage()).orElse(null);
            problems.add("pod " + name + " Pending, unschedulable" + (message == null ? "" : ": " + message));
            return problems;
        }
        for (ContainerStatus s : PodObservations.statuses(pod)) {
            StringBuilder p = new StringBuilder();
            if (s.getState() != null && s.getState().getWaiting() != null && s.getState().getWaiting().getReason() != null
                    && !"ContainerCreating".equals(s.getState().getWaiting().getReason())
                    && !"PodInitializing".equals(s.getState().getWaiting().getReason())) {
                p.append(s.getState().getWaiting().getReason());
            }
            var last = s.getLastState() == null ? null : s.getLastState().getTerminated();
            Instant finished = last == null ? null : PodObservations.time(last.getFinishedAt());
            if (last != null && (p.length() > 0 || finished != null && !finished.isBefore(alertStart.minus(ClusterDnsObservations.RECENT)))) {
                p.append(p.length() > 0 ? ", " : "restarted, ").append("last exit code ").append(last.getExitCode())
                        .append(last.getReason() == null ? "" : " (" + last.getReason() + ")")
                        .append(finished == null ? "" : " " + Relative.toAlert(finished, alertStart));
            }
            if (p.length() > 0) {
                int restarts = s.getRestartCount() == null ? 0 : s.getRestartCount();
                problems.add("pod " + name + ": " + s.getName() + " " + p + ", " + restarts + (restarts == 1 ? " restart" : " restarts"));
            }
        }
        if (problems.isEmpty() && "Running".equals(phase) && !PodObservations.ready(pod)) {
            problems.add("pod " + name + " Running but not Ready");
        }
        return problems;
    }

    private static List<String> ports(Pod pod) {
        List<String> ports = new ArrayList<>();
        if (pod.getSpec() != null) {
            for (Container c : PodTemplates.containers(pod.getSpec())) {
                if (c.getPorts() != null) {
                    c.getPorts().stream().map(ContainerPort::getContainerPort).filter(p -> p != null).forEach(p -> ports.add(String.valueOf(p)));
                }
            }
        }
        return ports;
    }

    /** Services whose Endpoints hold no ready address: "no ready endpoints behind Service X". */
    static List<Observation> endpoints(String namespace, List<Service> services, List<Endpoints> endpoints) {
        Map<String, Endpoints> byName = new LinkedHashMap<>();
        endpoints.forEach(e -> byName.put(e.getMetadata().getName(), e));
        List<Observation> observations = new ArrayList<>();
        for (Service service : services) {
            String name = service.getMetadata().getName();
            if (service.getSpec() == null || service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty()
                    || "ExternalName".equals(service.getSpec().getType())) {
                continue; // endpoints managed by hand, or none by design
            }
            Endpoints e = byName.get(name);
            int ready = 0;
            int notReady = 0;
            List<String> notReadyPods = new ArrayList<>();
            if (e != null && e.getSubsets() != null) {
                for (EndpointSubset subset : e.getSubsets()) {
                    ready += subset.getAddresses() == null ? 0 : subset.getAddresses().size();
                    if (subset.getNotReadyAddresses() != null) {
                        notReady += subset.getNotReadyAddresses().size();
                        subset.getNotReadyAddresses().stream().map(EndpointAddress::getTargetRef).filter(r -> r != null)
                                .map(r -> r.getName()).forEach(notReadyPods::add);
                    }
                }
            }
            if (ready > 0) {
                continue;
            }
            String clusterIp = service.getSpec().getClusterIP();
            String ports = service.getSpec().getPorts() == null ? null : String.join(", ", service.getSpec().getPorts().stream()
                    .map(ServicePort::getPort).filter(p -> p != null).map(String::valueOf).toList());
            String selector = String.join(",", service.getSpec().getSelector().entrySet().stream().map(s -> s.getKey() + "=" + s.getValue())
                    .toList());
            String text = "no ready endpoints behind Service " + name + " in namespace " + namespace
                    + (clusterIp == null || "None".equals(clusterIp) ? "" : " (" + clusterIp + (ports == null ? "" : " port " + ports) + ")")
                    + ": selector " + selector + (notReady > 0 ? " matches " + notReady + " not-ready address(es)"
                            + (notReadyPods.isEmpty() ? "" : " (" + String.join(", ", notReadyPods) + ")") : " matches no ready pod");
            observations.add(Observation.of(KubernetesTool.NAME, Signal.SERVICE_ENDPOINTS, "service/" + namespace + "/" + name)
                    .attr("namespace", namespace).attr("service", name).attr("clusterIP", clusterIp).attr("selector", selector)
                    .attr("ready", 0).attr("notReady", notReady).attr("ports", ports).text(text));
        }
        return observations;
    }
}
