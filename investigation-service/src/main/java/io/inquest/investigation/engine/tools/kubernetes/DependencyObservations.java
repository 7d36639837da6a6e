package io.inquest.investigation.engine.tools.kubernetes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;

/**
 * The in-cluster services the workload's configuration names ({@code INVENTORY_URL=http://inventory-api.inventory.svc.cluster.local:8080}),
 * and their state as an SRE checks it when calls to them fail: does the Service exist, has it
 * ready endpoints, are the pods of the workload behind it Ready.
 */
final class DependencyObservations {

    private static final Pattern SERVICE_HOST = Pattern.compile(
            "(?<![a-z0-9.-])([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\\.svc(?:\\.cluster\\.local)?(?::([0-9]+))?",
            Pattern.CASE_INSENSITIVE);

    /** A service the configuration names: by which env var, in which namespace, as which host. */
    record Named(String namespace, String service, String host, String env) {
    }

    /** What was read of one named service. */
    record State(Named named, Service service, Endpoints endpoints, Deployment deployment, StatefulSet statefulSet, List<Pod> pods) {
    }

    private DependencyObservations() {
    }

    /** The {@code <service>.<namespace>.svc} hosts the pod template's env values name, once each, up to a number. */
    static List<Named> named(PodTemplateSpec template, int max) {
        Map<String, Named> found = new LinkedHashMap<>();
        if (template == null || template.getSpec() == null) {
            return List.of();
        }
        for (Container c : PodTemplates.containers(template.getSpec())) {
            if (c.getEnv() == null) {
                continue;
            }
            for (EnvVar env : c.getEnv()) {
                if (env.getValue() == null) {
                    continue;
                }
                Matcher m = SERVICE_HOST.matcher(env.getValue());
                while (m.find() && found.size() < max) {
                    String service = m.group(1).toLowerCase();
                    String namespace = m.group(2).toLowerCase();
                    found.putIfAbsent(namespace + "/" + service, new Named(namespace, service, m.group().toLowerCase(), env.getName()));
                }
            }
        }
        return List.copyOf(found.values());
    }

    static Observation of(State s, Instant alertStart) {
        Named n = s.named();
        String ref = n.env() + "=" + n.host();
        StringBuilder text = new StringBuilder("dependency ").append(n.host()).append(" (configured as ").append(n.env()).append("): ");
        int readyEndpoints = 0;
        int notReadyEndpoints = 0;
        if (s.endpoints() != null && s.endpoints().getSubsets() != null) {
            for (EndpointSubset subset : s.endpoints().getSubsets()) {
                readyEndpoints += subset.getAddresses() == null ? 0 : subset.getAddresses().size();
                notReadyEndpoints += subset.getNotReadyAddresses() == null ? 0 : subset.getNotReadyAddresses().size();
            }
        }
        String clusterIp = s.service() == null || s.service().getSpec() == null ? null : s.service().getSpec().getClusterIP();
        if (s.service() == null) {
            text.append("no Service ").append(n.service()).append(" in namespace ").append(n.namespace())
                    .append(": the name cannot resolve (the Service was deleted or never created)");
        } else {
            text.append("Service ").append(n.namespace()).append('/').append(n.service())
                    .append(clusterIP(clusterIp)).append(" has ").append(readyEndpoints).append(" ready endpoint(s)")
                    .append(notReadyEndpoints > 0 ? " and " + notReadyEndpoints + " not ready" : "");
        }
        String kind = s.deployment() != null ? "Deployment" : s.statefulSet() != null ? "StatefulSet" : null;
        String name = s.deployment() != null ? s.deployment().getMetadata().getName()
                : s.statefulSet() != null ? s.statefulSet().getMetadata().getName() : null;
        long ready = s.pods().stream().filter(PodObservations::ready).count();
        List<String> problems = new ArrayList<>();
        s.pods().forEach(p -> problems.addAll(NeighbourObservations.problems(p, alertStart)));
        String available = null;
        if (s.deployment() != null && s.deployment().getStatus() != null && s.deployment().getStatus().getConditions() != null) {
            available = s.deployment().getStatus().getConditions().stream().filter(c -> "Available".equals(c.getType())
                    && "False".equals(c.getStatus())).map(DeploymentCondition::getReason).findFirst().orElse(null);
        }
        if (kind != null || !s.pods().isEmpty()) {
            text.append("; ").append(kind == null ? "its pods" : kind + " " + name).append(": ").append(ready).append(" of ")
                    .append(s.pods().size()).append(" pods Ready");
            if (available != null) {
                text.append(", Available=False (").append(available).append(')');
            }
            if (!problems.isEmpty()) {
                text.append("; ").append(String.join("; ", problems.stream().limit(3).toList()));
            }
        }
        boolean healthy = s.service() != null && (s.endpoints() == null || readyEndpoints > 0) && problems.isEmpty();
        return Observation.of(KubernetesTool.NAME, Signal.DEPENDENCY, "service/" + n.namespace() + "/" + n.service())
                .attr("namespace", n.namespace()).attr("service", n.service()).attr("host", n.host()).attr("env", n.env())
                .attr("configured", ref).attr("serviceFound", s.service() != null).attr("clusterIP", clusterIp)
                .attr("readyEndpoints", s.endpoints() == null && s.service() != null ? null : readyEndpoints)
                .attr("workload", name).attr("kind", kind).attr("ready", ready).attr("total", s.pods().size())
                .attr("available", available).attr("healthy", healthy)
                .attr("problems", problems.isEmpty() ? null : String.join("; ", problems)).text(text.toString());
    }

    private static String clusterIP(String ip) {
        return ip == null || "None".equals(ip) ? "" : " (" + ip + ")";
    }
}
