package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/** A database out of connection slots: connections at max_connections, clients refused or waiting for a pool. */
@ApplicationScoped
public class DatabaseConnectionsRule implements DiagnosisRule {

    @Override
    public String family() {
        return "database-connections";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        Optional<Observation> connections = Facts.database(incident, "connections").filter(o -> o.number("ratio").orElse(0.0) >= 0.9);
        List<Observation> refused = Facts.logs(incident, "too_many_connections");
        List<Observation> serverRefused = StorageFullRule.serverLog(incident, "too_many_connections");
        if (connections.isEmpty() && refused.isEmpty() && serverRefused.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder cause = new StringBuilder("The database ran out of connections");
        connections.ifPresent(c -> cause.append(": ").append(c.text()));
        if (!refused.isEmpty()) {
            cause.append(connections.isPresent() ? "; " : ": ").append(Facts.count(refused)).append(" refused or starved "
                    + "connection attempts in the logs, e.g. \"").append(refused.get(0).attr("sample")).append('"');
        }
        serverRefused.stream().findFirst().ifPresent(r -> cause.append(connections.isPresent() || !refused.isEmpty() ? "; " : ": ")
                .append(r.text()));
        // Who holds (or is refused) the connections: the exporter's per-client counts, the server's log.
        List<Observation> holders = Facts.join(incident.list(Signal.DATABASE, o -> "connection_holders".equals(o.attr("metric"))),
                StorageFullRule.serverLog(incident, "clients"), StorageFullRule.serverLog(incident, "client_workloads"));
        holders.stream().limit(3).forEach(h -> cause.append("; ").append(h.text()));
        double confidence = connections.isPresent() && !(refused.isEmpty() && serverRefused.isEmpty()) ? 0.88
                : connections.isPresent() ? 0.75 : 0.72;
        List<Observation> evidence = Facts.join(connections.stream().toList(), refused, serverRefused, holders);
        String who = holders.stream().map(h -> h.attr("top")).filter(t -> t != null).findFirst()
                .map(t -> " (" + t + " holds the most)").orElse("");
        return Optional.of(new Hypothesis(family(), RootCauseCategory.RESOURCE_EXHAUSTION, confidence, cause.toString(),
                evidence, List.of("Bring the clients' connection pools (pool size × replicas) under the database's "
                        + "max_connections" + who + ", or put a pooler (PgBouncer) in front; raise max_connections only with the memory for it",
                        "Find who holds the connections (pg_stat_activity by application and state: idle in transaction is a leak)"),
                Facts.onset(evidence), true));
    }

    @Override
    public List<String> ruledOut(Case incident) {
        Optional<Observation> connections = Facts.database(incident, "connections");
        if (connections.isPresent() && connections.get().number("ratio").orElse(1.0) < 0.8) {
            return List.of("not database connections: " + connections.get().text());
        }
        return List.of();
    }
}
