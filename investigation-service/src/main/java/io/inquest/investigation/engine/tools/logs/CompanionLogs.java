package io.inquest.investigation.engine.tools.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Target;
import io.inquest.investigation.engine.tools.kubernetes.KubernetesAccess;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The logs an SRE reads next to the service's own: the ingress controller's access lines for the
 * service (through Loki, by ingress-nginx's upstream name {@code [namespace-service-port]}), and a
 * database server's log: the pod that mounts the PersistentVolumeClaim an alert names (found by
 * {@code spec.volumes[].persistentVolumeClaim.claimName}), and the servers the service's own
 * errors name (the host of "too many clients", "No space left on device"). Each read is
 * best-effort: what cannot be read becomes a note, never a failed call.
 */
@ApplicationScoped
public class CompanionLogs {

    /** The alert labels that name a PersistentVolumeClaim (kubelet_volume_stats_*, kube-state-metrics). */
    static final List<String> CLAIM_LABELS = List.of("persistentvolumeclaim", "pvc", "claim_name");
    private static final int MAX_SERVERS = 2;
    private static final int MAX_PODS = 3;
    private static final Pattern NOT_A_SERVICE = Pattern.compile("^(?:\\d{1,3}(?:\\.\\d{1,3}){3}|localhost|[0-9a-f:]+)$");

    private final KubernetesAccess kubernetes;
    private final LokiLogs loki;
    private final LogSettings settings;

    public CompanionLogs(KubernetesAccess kubernetes, LokiLogs loki, LogSettings settings) {
        this.kubernetes = kubernetes;
        this.loki = loki;
        this.settings = settings;
    }

    /** What was read beside the service's logs. */
    public record Lines(List<LogLine> ingress, List<LogLine> servers, List<String> notes, List<Observation> observations) {

        Lines(List<LogLine> ingress, List<LogLine> servers, List<String> notes) {
            this(ingress, servers, notes, List.of());
        }

        static Lines none() {
            return new Lines(List.of(), List.of(), List.of());
        }
    }

    /** A database server to read: its namespace and name (a Service, or a pod when {@code pod} is true). */
    record Server(String namespace, String name, boolean pod, String why) {
    }

    /**
     * @param hosts   the hosts the service's own error lines name (a signature's target), whose servers' logs are read
     * @param refused whether the service's own lines say a database refused it connections
     */
    public Uni<Lines> read(Subject subject, Set<String> hosts, boolean refused, Instant from, Instant to) {
        Target target = subject.target();
        List<Uni<Lines>> reads = new ArrayList<>();
        if (loki.configured()) {
            ingressQuery(target, loki.settings().ingressSelector()).ifPresent(q -> reads.add(loki.read(q, from, to)
                    .map(lines -> new Lines(lines, List.of(), List.of()))
                    .onFailure().recoverWithItem(f -> new Lines(List.of(), List.of(), List.of("ingress logs: " + f.getMessage())))));
        }
        for (Server server : servers(subject, hosts)) {
            reads.add(server(server, from, to));
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(Lines.none());
        }
        return Uni.join().all(reads).andCollectFailures().map(all -> {
            List<LogLine> ingress = new ArrayList<>();
            List<LogLine> servers = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            all.forEach(l -> {
                ingress.addAll(l.ingress());
                servers.addAll(l.servers());
                notes.addAll(l.notes());
            });
            return new Lines(ingress, LogsTool.merge(List.of(servers)), notes);
        }).flatMap(lines -> clients(subject, hosts, refused, lines))
                .onFailure().recoverWithItem(f -> new Lines(List.of(), List.of(), List.of("companion logs: " + f.getMessage())));
    }

    /**
     * The workloads configured to connect to the database the evidence names: asked only when a
     * database refuses connections (its own log, or the service's errors say so).
     */
    private Uni<Lines> clients(Subject subject, Set<String> hosts, boolean refused, Lines lines) {
        boolean refusing = lines.servers().stream().anyMatch(l -> DatabaseServerLog.kind(l.text())
                .filter(k -> k == DatabaseServerLog.Kind.TOO_MANY_CONNECTIONS).isPresent()) || refused;
        if (!refusing || kubernetes.notConfigured().isPresent()) {
            return Uni.createFrom().item(lines);
        }
        Target target = subject.target();
        return kubernetes.read("list the pods that may connect to the database", settings.timeout(), c -> {
            try {
                return c.pods().inAnyNamespace().list().getItems();
            } catch (RuntimeException forbidden) {
                return target.namespace() == null ? List.<Pod>of() : c.pods().inNamespace(target.namespace()).list().getItems();
            }
        }).map(pods -> {
            Set<String> names = DatabaseClients.databaseNames(hosts, pods, target);
            String own = target.workload() != null ? target.workload() : target.service();
            if (own != null && pods.stream().anyMatch(p -> own.equals(io.inquest.investigation.engine.Target.workloadOfPod(p.getMetadata().getName()))
                    && isDatabase(p))) {
                names.add(own);
            }
            names.remove("localhost");
            Set<String> users = DatabaseServerLog.users(lines.servers());
            if (names.isEmpty() && users.isEmpty()) {
                return lines;
            }
            List<Observation> found = DatabaseClients.observe(DatabaseClients.clients(pods, names, users), names);
            return new Lines(lines.ingress(), lines.servers(), lines.notes(), found);
        }).onFailure().recoverWithItem(f -> lines);
    }

    /** A pod that runs a database server, by its containers' images. */
    static boolean isDatabase(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getContainers() != null && pod.getSpec().getContainers().stream()
                .anyMatch(c -> c.getImage() != null && c.getImage().toLowerCase(Locale.ROOT)
                        .matches(".*(postgres|postgis|timescale|mysql|mariadb|redis|valkey|mongo|patroni|spilo|cloudnative-pg).*"));
    }

    /** {@code {app=~"...ingress-nginx..."} |= "[shop-cart-"}: the controller's lines whose upstream is the service. */
    static java.util.Optional<String> ingressQuery(Target target, String selector) {
        String service = target.service() != null ? target.service() : target.workload();
        if (service == null || target.namespace() == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(selector.strip() + " |= \"[" + LokiLogs.escape(target.namespace() + "-" + service + "-") + "\"");
    }

    /** The database servers whose logs to read: the claim's pod, then the servers the service's errors name. */
    static List<Server> servers(Subject subject, Set<String> hosts) {
        Target target = subject.target();
        List<Server> servers = new ArrayList<>();
        Map<String, String> labels = subject.alert().labels();
        for (String key : CLAIM_LABELS) {
            String claim = labels.get(key);
            if (claim != null && !claim.isBlank() && target.namespace() != null) {
                servers.add(new Server(target.namespace(), claim, false, "claim"));
                break;
            }
        }
        for (String host : hosts) {
            Server server = serverOf(host, target.namespace());
            if (server != null && !server.name().equals(target.service()) && !server.name().equals(target.workload())
                    && servers.stream().noneMatch(s -> s.name().equals(server.name()))) {
                servers.add(server);
            }
        }
        return servers.stream().limit(MAX_SERVERS).toList();
    }

    /** {@code billing-db.billing.svc.cluster.local:5432} → Service billing-db in namespace billing. */
    static Server serverOf(String host, String namespace) {
        String name = host.replaceAll(":\\d+$", "").toLowerCase(Locale.ROOT);
        if (name.isEmpty() || NOT_A_SERVICE.matcher(name).matches()) {
            return null;
        }
        String[] parts = name.split("\\.");
        if (!parts[0].matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
            return null;
        }
        String ns = parts.length >= 2 && (parts.length == 2 || parts[2].equals("svc")) ? parts[1] : namespace;
        if (ns == null || (parts.length > 2 && !parts[2].equals("svc"))) {
            return null;
        }
        return new Server(ns, parts[0], false, "host");
    }

    private Uni<Lines> server(Server server, Instant from, Instant to) {
        List<Uni<List<LogLine>>> reads = new ArrayList<>();
        boolean claim = "claim".equals(server.why());
        if (kubernetes.notConfigured().isEmpty()) {
            reads.add(pods(server).flatMap(pods -> podLogs(pods, from, to)).onFailure().recoverWithItem(List.of()));
        }
        if (loki.configured()) {
            LokiSettings l = loki.settings();
            String ns = l.namespaceLabel() + "=\"" + LokiLogs.escape(server.namespace()) + "\"";
            if (claim) {
                reads.add(loki.read("{" + ns + ", " + l.podLabel() + "=~\"" + String.join("|", claimPods(server.name())) + "\"}", from, to)
                        .onFailure().recoverWithItem(List.of()));
            } else {
                reads.add(loki.read("{" + ns + ", " + l.appLabel() + "=\"" + LokiLogs.escape(server.name()) + "\"}", from, to)
                        .onFailure().recoverWithItem(List.of()));
            }
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(Lines.none());
        }
        return Uni.join().all(reads).andCollectFailures().map(all -> {
            List<LogLine> lines = LogsTool.merge(all);
            List<String> notes = lines.isEmpty() ? List.of("no log lines of " + (claim ? "the pod that mounts claim " : "server ")
                    + server.namespace() + "/" + server.name()) : List.of();
            return new Lines(List.of(), lines, notes);
        });
    }

    /**
     * The pods a StatefulSet's claim can belong to by its naming ({@code <template>-<pod>}): every
     * suffix of the claim's name that still ends in the ordinal ({@code data-crm-pg-0} → {@code
     * crm-pg-0}, {@code pg-0}).
     */
    static List<String> claimPods(String claim) {
        Set<String> pods = new LinkedHashSet<>();
        String rest = claim;
        int dash;
        while ((dash = rest.indexOf('-')) > 0) {
            rest = rest.substring(dash + 1);
            if (rest.matches(".+-\\d+")) {
                pods.add(rest);
            }
        }
        if (pods.isEmpty()) {
            pods.add(claim);
        }
        return List.copyOf(pods);
    }

    /** The pods of a server: those that mount the claim, or those the Service selects (else named like it). */
    private Uni<List<Pod>> pods(Server server) {
        return kubernetes.read("list the pods of " + server.namespace() + "/" + server.name(), settings.timeout(), c -> {
            List<Pod> all = c.pods().inNamespace(server.namespace()).list().getItems();
            if ("claim".equals(server.why())) {
                return all.stream().filter(p -> mounts(p, server.name())).limit(MAX_PODS).toList();
            }
            Service service;
            try {
                service = c.services().inNamespace(server.namespace()).withName(server.name()).get();
            } catch (RuntimeException unreadable) {
                // Without the Service (not allowed, not there), its pods are found by name.
                service = null;
            }
            Map<String, String> selector = service == null || service.getSpec() == null ? null : service.getSpec().getSelector();
            if (selector != null && !selector.isEmpty()) {
                return all.stream().filter(p -> p.getMetadata().getLabels() != null
                        && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).limit(MAX_PODS).toList();
            }
            return all.stream().filter(p -> p.getMetadata().getName().startsWith(server.name() + "-")).limit(MAX_PODS).toList();
        });
    }

    /** Whether the pod mounts the PersistentVolumeClaim. */
    static boolean mounts(Pod pod, String claim) {
        if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
            return false;
        }
        for (Volume v : pod.getSpec().getVolumes()) {
            if (v.getPersistentVolumeClaim() != null && claim.equals(v.getPersistentVolumeClaim().getClaimName())) {
                return true;
            }
        }
        return false;
    }

    private Uni<List<LogLine>> podLogs(List<Pod> pods, Instant from, Instant to) {
        List<Uni<List<LogLine>>> reads = new ArrayList<>();
        for (Pod pod : pods) {
            String ns = pod.getMetadata().getNamespace();
            String name = pod.getMetadata().getName();
            List<Container> containers = pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
            for (Container container : containers) {
                String path = KubeletLogs.path(ns, name, container.getName(), false, from, settings.maxBytes());
                reads.add(kubernetes.read("read the log of " + name + "/" + container.getName(), settings.timeout(), c -> c.raw(path, "GET", null))
                        .map(body -> KubeletLogs.parse(body, name, container.getName(), false, from, to, settings.maxLines()))
                        .onFailure().recoverWithItem(List.of()));
            }
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(reads).andCollectFailures().map(all -> all.stream().flatMap(List::stream).toList());
    }
}
