package io.inquest.investigation.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inquest.events.Alert;

/**
 * Where the alert points, read from its labels (and annotations, where PagerDuty and generic
 * senders put them) by the configured label names: the namespace, the workload, a pod, a
 * container, a node. Any part may be null: the tools read what is named and say what is not.
 *
 * @param service    the service the gateway named (service, app, job or container label)
 * @param workload   the Deployment/StatefulSet name: a label, else derived from the pod name
 */
public record Target(String namespace, String service, String workload, String pod, String container, String node) {

    /** {@code cart-7d9f8b6c4-x2k4q} → {@code cart}; {@code db-0} → {@code db}. */
    private static final Pattern DEPLOYMENT_POD = Pattern.compile("^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$");
    private static final Pattern STATEFUL_POD = Pattern.compile("^(.+)-[0-9]+$");
    private static final Pattern REPLICA_SET = Pattern.compile("^(.+)-[a-z0-9]{6,10}$");
    /**
     * The exporters whose series describe other objects (kube-state-metrics, the kubelet and its
     * cAdvisor, node-exporter): an alert on them carries their job and service labels, which name
     * the scraper, not the object in trouble.
     */
    private static final Pattern METADATA_EXPORTER = Pattern.compile(
            "(?i)^(.*-)?(kube-state-metrics|kubelet|cadvisor|node-exporter)$");
    private static final Pattern RENDERED_LABEL = Pattern.compile("(?m)^\\s*-\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(\\S.*)$");

    public static Target of(Alert alert, SourceSettings.Labels names) {
        String namespace = first(alert, names.namespace());
        String pod = first(alert, names.pod());
        String container = first(alert, names.container());
        String node = first(alert, names.node());
        String workload = first(alert, names.workload());
        if (workload == null) {
            String replicaSet = first(alert, List.of("replicaset"));
            workload = replicaSet != null ? strip(replicaSet, REPLICA_SET) : workloadOfPod(pod);
        }
        String service = alert.service();
        if (service != null && METADATA_EXPORTER.matcher(service.trim()).matches()) {
            service = null;
        }
        if (workload != null && METADATA_EXPORTER.matcher(workload).matches()) {
            workload = null;
        }
        return new Target(namespace, service, workload, pod, container, node);
    }

    /** The workload a pod name belongs to, by the ReplicaSet and StatefulSet naming conventions. */
    public static String workloadOfPod(String pod) {
        if (pod == null) {
            return null;
        }
        String deployment = strip(pod, DEPLOYMENT_POD);
        return !deployment.equals(pod) ? deployment : strip(pod, STATEFUL_POD);
    }

    /** The names that can identify the workload's objects and series: workload, service, container. */
    public List<String> names() {
        return java.util.stream.Stream.of(workload, service, container).filter(n -> n != null && !n.isBlank())
                .map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    public Optional<String> namespaceIfKnown() {
        return Optional.ofNullable(namespace);
    }

    private static String first(Alert alert, List<String> keys) {
        for (Map<String, String> map : List.of(alert.labels(), alert.annotations(), renderedLabels(alert))) {
            for (String key : keys) {
                String value = map.get(key);
                if (value != null && !value.isBlank()) {
                    return value.trim();
                }
            }
        }
        return null;
    }

    /**
     * Labels rendered into text, as Alertmanager's default PagerDuty and Opsgenie templates do
     * ("Labels:\n - namespace = billing\n - pod = ..."): the first alert's, where the sender
     * passed no labels of its own.
     */
    static Map<String, String> renderedLabels(Alert alert) {
        Map<String, String> found = new java.util.LinkedHashMap<>();
        for (String text : alert.annotations().values()) {
            Matcher line = RENDERED_LABEL.matcher(text == null ? "" : text);
            while (line.find()) {
                found.putIfAbsent(line.group(1), line.group(2).trim());
            }
        }
        return found;
    }

    private static String strip(String name, Pattern pattern) {
        var matcher = pattern.matcher(name);
        return matcher.matches() ? matcher.group(1) : name;
    }
}
