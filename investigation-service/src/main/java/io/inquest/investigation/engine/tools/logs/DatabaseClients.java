package io.inquest.investigation.engine.tools.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Target;

/**
 * Which workloads connect to a database, read from how they are configured: the pods whose
 * environment names the database (a host in a URL or DSN, a Secret or ConfigMap named after it,
 * the database user its log names), grouped by workload, with their running pods and the
 * pool-size settings (pool, connections, workers, concurrency) that bound the connections each
 * opens. What an SRE reads to find who fills max_connections.
 */
public final class DatabaseClients {

    private static final Pattern DATABASE_ENV = Pattern.compile("(?i)HOST|DSN|URL|URI|DATABASE|DB_|_DB|PG|MYSQL|REDIS|POSTGRES");
    private static final Pattern POOL_ENV = Pattern.compile("(?i)POOL|MAX_?CONN|CONNECTIONS|WORKERS|CONCURRENCY|THREADS|PARALLEL");
    private static final Pattern HOST = Pattern.compile("(?:^|[/@=\\s]|//)([a-z0-9][a-z0-9-]*[a-z0-9])(?:\\.[a-z0-9.-]+)?(?::\\d+)?(?:[/?\\s]|$)");
    private static final int MAX_WORKLOADS = 3;

    private DatabaseClients() {
    }

    /** A workload whose configuration names the database. */
    record Client(String namespace, String workload, int pods, String reference, Map<String, String> pools) {

        /** The connections it may open at most: pods times its largest pool setting (pods alone without one). */
        long bound() {
            long pool = pools.values().stream().mapToLong(v -> Long.parseLong(v)).max().orElse(1);
            return pods * pool;
        }
    }

    /**
     * The names the database goes by: the hosts the errors name and, from the alerting workload's
     * own environment, the hosts its database settings point at and the Secrets they come from.
     */
    static Set<String> databaseNames(Set<String> named, List<Pod> pods, Target target) {
        Set<String> names = new LinkedHashSet<>();
        named.forEach(n -> names.add(n.replaceAll(":\\d+$", "").split("\\.")[0].toLowerCase(Locale.ROOT)));
        String own = target.workload() != null ? target.workload() : target.service();
        pods.stream().filter(p -> own != null && own.equals(Target.workloadOfPod(p.getMetadata().getName()))).findFirst()
                .ifPresent(p -> env(p).stream().filter(e -> DATABASE_ENV.matcher(e.getName()).find()).forEach(e -> {
                    if (e.getValue() != null) {
                        Matcher m = HOST.matcher(e.getValue().toLowerCase(Locale.ROOT));
                        while (m.find()) {
                            if (m.group(1).matches(".*[a-z].*") && !m.group(1).matches("jdbc|postgres|postgresql|mysql|redis|http|https|tcp")) {
                                names.add(m.group(1));
                            }
                        }
                    }
                }));
        names.removeIf(n -> n.length() < 3 || n.equals(own));
        return names;
    }

    /** The workloads (other than the database's own pods) whose environment names one of the database's names or users. */
    static List<Client> clients(List<Pod> pods, Set<String> names, Set<String> users) {
        Map<String, Client> clients = new LinkedHashMap<>();
        for (Pod pod : pods) {
            String workload = Target.workloadOfPod(pod.getMetadata().getName());
            if (names.contains(workload) || CompanionLogs.isDatabase(pod)
                    || (pod.getStatus() != null && "Succeeded".equals(pod.getStatus().getPhase()))) {
                continue;
            }
            Optional<String> reference = reference(env(pod), names, users);
            if (reference.isEmpty()) {
                continue;
            }
            String key = pod.getMetadata().getNamespace() + "/" + workload;
            Client known = clients.get(key);
            Map<String, String> pools = new LinkedHashMap<>();
            env(pod).stream().filter(e -> POOL_ENV.matcher(e.getName()).find() && e.getValue() != null && e.getValue().matches("\\d{1,5}"))
                    .forEach(e -> pools.put(e.getName(), e.getValue()));
            clients.put(key, new Client(pod.getMetadata().getNamespace(), workload, known == null ? 1 : known.pods() + 1, reference.get(),
                    known == null ? pools : known.pools()));
        }
        return clients.values().stream().sorted(Comparator.comparingLong(Client::bound).reversed()).toList();
    }

    private static Optional<String> reference(List<EnvVar> env, Set<String> names, Set<String> users) {
        for (EnvVar e : env) {
            String value = e.getValue() == null ? "" : e.getValue().toLowerCase(Locale.ROOT);
            for (String name : names) {
                if (Pattern.compile("(?:^|[/@=\\s])" + Pattern.quote(name) + "(?:[.:/\\s]|$)").matcher(value).find()) {
                    return Optional.of(e.getName() + "=" + e.getValue());
                }
                String from = source(e);
                if (from != null && (from.equals(name) || from.startsWith(name + "-"))) {
                    return Optional.of(e.getName() + " from " + from);
                }
            }
            if (!value.isEmpty() && users.contains(e.getValue()) && e.getName().toUpperCase(Locale.ROOT).contains("USER")) {
                return Optional.of(e.getName() + "=" + e.getValue());
            }
        }
        return Optional.empty();
    }

    private static String source(EnvVar e) {
        if (e.getValueFrom() == null) {
            return null;
        }
        if (e.getValueFrom().getSecretKeyRef() != null) {
            return e.getValueFrom().getSecretKeyRef().getName();
        }
        return e.getValueFrom().getConfigMapKeyRef() == null ? null : e.getValueFrom().getConfigMapKeyRef().getName();
    }

    private static List<EnvVar> env(Pod pod) {
        List<EnvVar> env = new ArrayList<>();
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            for (Container c : pod.getSpec().getContainers()) {
                if (c.getEnv() != null) {
                    env.addAll(c.getEnv());
                }
            }
        }
        return env;
    }

    /** The client workloads as one observation, the largest bound first; empty without any. */
    static List<Observation> observe(List<Client> clients, Set<String> names) {
        if (clients.isEmpty()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (Client c : clients.stream().limit(MAX_WORKLOADS).toList()) {
            String pools = c.pools().isEmpty() ? "" : ", " + c.pools().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .reduce((a, b) -> a + " " + b).orElse("");
            parts.add(c.namespace() + "/" + c.workload() + " (" + c.pods() + (c.pods() == 1 ? " pod" : " pods") + pools + "; " + c.reference()
                    + (c.pools().isEmpty() ? "" : "; up to " + c.bound() + " connections") + ")");
        }
        Client top = clients.get(0);
        String of = String.join(", ", names);
        return List.of(Observation.of(LogAnalysis.SOURCE, Signal.DATABASE_LOG, "database-clients/" + of)
                .attr("signature", "client_workloads").attr("of", of).attr("top", top.namespace() + "/" + top.workload())
                .attr("topCount", top.bound()).attr("count", clients.size())
                .text("workloads configured to connect to " + of + ": " + String.join("; ", parts)));
    }
}
