package io.inquest.investigation.engine.tools.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.diagnosis.Relative;

/**
 * The cluster's DNS as an SRE checks it when lookups fail: are the CoreDNS/kube-dns pods Ready,
 * do they crash-loop or restart, what did the last crashed one print, and which address (the DNS
 * Service's ClusterIP) every pod's resolv.conf points at. Without DNS pods found, nothing is said:
 * the cluster may resolve names another way.
 */
final class ClusterDnsObservations {

    /** A restart this long before the alert still belongs to it. */
    static final Duration RECENT = Duration.ofMinutes(60);

    /** The line that says why a process exits: a fatal or error level, a panic. */
    private static final Pattern EXIT_LINE = Pattern.compile("(?i)\\[(FATAL|ERROR|PANIC)]|\\bfatal\\b|\\bpanic:|level=(fatal|error)|\\bE\\d{4} ");

    private ClusterDnsObservations() {
    }

    /** The pods that crashed recently, whose previous log says why. */
    static List<Pod> crashed(List<Pod> pods, Instant alertStart) {
        return pods.stream().filter(p -> lastCrash(p, alertStart).isPresent()).toList();
    }

    /** The container of the pod that crashed last (near the alert), with its termination. */
    static Optional<Map.Entry<String, ContainerStateTerminated>> lastCrash(Pod pod, Instant alertStart) {
        for (ContainerStatus s : PodObservations.statuses(pod)) {
            ContainerStateTerminated last = s.getLastState() == null ? null : s.getLastState().getTerminated();
            boolean looping = s.getState() != null && s.getState().getWaiting() != null
                    && "CrashLoopBackOff".equals(s.getState().getWaiting().getReason());
            Instant finished = last == null ? null : PodObservations.time(last.getFinishedAt());
            if (last != null && (looping || finished != null && !finished.isBefore(alertStart.minus(RECENT)))) {
                return Optional.of(Map.entry(s.getName(), last));
            }
        }
        return Optional.empty();
    }

    /** The line of a previous container's log that says why it exited: the last error-level line, else the last line. */
    static String exitLine(String log) {
        if (log == null || log.isBlank()) {
            return null;
        }
        List<String> lines = log.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (EXIT_LINE.matcher(lines.get(i)).find()) {
                return lines.get(i);
            }
        }
        return lines.isEmpty() ? null : lines.get(lines.size() - 1);
    }

    /**
     * One observation of the DNS pods and Service; empty when no DNS pod was found.
     *
     * @param logLines the exit line of each crashed pod's previous container, by pod name
     */
    static Optional<Observation> of(String namespace, String selector, String serviceName, List<Pod> pods, Service service,
            Map<String, String> logLines, Instant alertStart) {
        if (pods.isEmpty()) {
            return Optional.empty();
        }
        String serviceIp = service == null || service.getSpec() == null ? null : service.getSpec().getClusterIP();
        List<String> names = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> quoted = new LinkedHashMap<>();
        int ready = 0;
        Instant since = null;
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            names.add(name);
            boolean podReady = PodObservations.ready(pod);
            if (podReady) {
                ready++;
            } else {
                Instant notReadySince = PodObservations.condition(pod, "Ready").map(c -> PodObservations.time(c.getLastTransitionTime()))
                        .orElse(null);
                since = earliest(since, notReadySince);
            }
            List<String> parts = new ArrayList<>();
            if (!podReady) {
                parts.add("not Ready");
            }
            for (ContainerStatus s : PodObservations.statuses(pod)) {
                if (s.getState() != null && s.getState().getWaiting() != null && s.getState().getWaiting().getReason() != null) {
                    parts.add(s.getName() + " waiting " + s.getState().getWaiting().getReason());
                }
            }
            lastCrash(pod, alertStart).ifPresent(crash -> {
                ContainerStateTerminated t = crash.getValue();
                Instant finished = PodObservations.time(t.getFinishedAt());
                parts.add("last exit code " + t.getExitCode() + (t.getReason() == null ? "" : " (" + t.getReason() + ")")
                        + (finished == null ? "" : " " + Relative.toAlert(finished, alertStart)));
            });
            int restarts = PodObservations.restarts(pod);
            if (!parts.isEmpty()) {
                parts.add(restarts + (restarts == 1 ? " restart" : " restarts"));
                problems.add(name + ": " + String.join(", ", parts));
            }
            if (logLines.get(name) != null) {
                quoted.putIfAbsent(logLines.get(name).replaceAll("[0-9]+", "#"), name);
            }
        }
        boolean healthy = problems.isEmpty();
        String where = "the cluster DNS (pods " + selector + " in " + namespace
                + (serviceIp == null ? "" : ", Service " + serviceName + " " + serviceIp) + ")";
        StringBuilder text = new StringBuilder();
        if (healthy) {
            text.append(where).append(" is healthy: ").append(ready).append(" of ").append(pods.size()).append(" pods Ready, no recent restarts");
        } else {
            text.append(where).append(" is failing: ").append(ready).append(" of ").append(pods.size()).append(" pods Ready; ")
                    .append(String.join("; ", problems));
            if (since != null) {
                text.append("; not Ready since ").append(since).append(" (").append(Relative.toAlert(since, alertStart)).append(')');
            }
        }
        String logLine = null;
        for (Map.Entry<String, String> q : quoted.entrySet()) {
            String line = logLines.get(q.getValue());
            logLine = logLine == null ? line : logLine;
            text.append("; the previous container of ").append(q.getValue()).append(" ended with \"").append(line).append('"');
        }
        return Optional.of(Observation.of(KubernetesTool.NAME, Signal.CLUSTER_DNS, "dns/" + namespace + "/" + serviceName)
                .at(since).attr("namespace", namespace).attr("selector", selector).attr("service", serviceName)
                .attr("serviceIP", serviceIp).attr("healthy", healthy).attr("pods", String.join(", ", names))
                .attr("ready", ready).attr("total", pods.size()).attr("problems", problems.isEmpty() ? null : String.join("; ", problems))
                .attr("logLine", logLine).text(text.toString()));
    }

    /** {@code k8s-app=kube-dns,tier=x} as labels. */
    static Map<String, String> labels(String selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String part : selector.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                labels.put(part.substring(0, eq).trim(), part.substring(eq + 1).replace("=", "").trim());
            }
        }
        return labels;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : b.isBefore(a) ? b : a;
    }
}
