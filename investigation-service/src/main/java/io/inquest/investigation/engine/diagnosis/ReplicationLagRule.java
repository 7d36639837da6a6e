package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A replica falling behind its primary. When the replica cannot keep up (a write burst, a long
 * query holding replay, saturated IO) it is resource exhaustion; when its node or network fails
 * (the WAL stream times out) it is the infrastructure.
 */
@ApplicationScoped
public class ReplicationLagRule implements DiagnosisRule {

    @Override
    public String family() {
        return "replication-lag";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        Optional<Observation> lag = Facts.database(incident, "replication_lag")
                .filter(o -> o.number("peak").orElse(o.number("value").orElse(0.0)) >= 10);
        if (lag.isEmpty()) {
            return Optional.empty();
        }
        Optional<Observation> longTx = Facts.database(incident, "long_transaction")
                .filter(o -> o.number("peak").orElse(o.number("value").orElse(0.0)) >= 300);
        List<Observation> network = Facts.join(Facts.unhealthyNodes(incident), Facts.logs(incident, "timeout", "connection_reset",
                "connection_refused").stream().filter(o -> Facts.contains(o.attr("sample"), "wal", "replication", "walreceiver",
                        "primary", "streaming")).toList());
        network = Facts.join(network, StorageFullRule.serverLog(incident, "replication_stream"));
        List<Observation> conflicts = StorageFullRule.serverLog(incident, "recovery_conflict");
        List<Observation> checkpoints = StorageFullRule.serverLog(incident, "checkpoints_too_frequent");
        Optional<Observation> writes = incident.first(io.inquest.investigation.engine.Signal.TRAFFIC_SURGE, o -> true);
        List<Observation> bulk = Triggers.bulkWork(incident, lag.get().at());
        StringBuilder cause = new StringBuilder("Replication lag: ").append(lag.get().text());
        RootCauseCategory category = RootCauseCategory.RESOURCE_EXHAUSTION;
        String step;
        if (!network.isEmpty()) {
            category = RootCauseCategory.INFRASTRUCTURE;
            cause.append("; the replica lost its link to the primary: ").append(network.get(0).text());
            step = "Restore the network or node between the replica and the primary; the replica catches up by itself "
                    + "once the WAL stream is back (or rebuild it if the WAL it needs is gone)";
        } else if (longTx.isPresent() || !conflicts.isEmpty()) {
            cause.append("; a long-running query on the standby holds replay");
            longTx.ifPresent(t -> cause.append(": ").append(t.text()));
            conflicts.stream().findFirst().ifPresent(c -> cause.append("; recovery conflicts: ").append(c.text()));
            step = "End the long-running query on the replica (pg_stat_activity) and set max_standby_streaming_delay / "
                    + "statement_timeout so one query cannot hold replay";
        } else {
            cause.append("; the replica cannot replay the WAL as fast as the primary writes it");
            writes.ifPresent(w -> cause.append(" (").append(w.text()).append(')'));
            bulk.stream().findFirst().ifPresent(b -> cause.append("; the bulk write that began ").append(incident.relative(b.at()))
                    .append(": ").append(Triggers.label(b)).append(b.attr("description") == null ? "" : " (\"" + b.attr("description") + "\")"));
            checkpoints.stream().findFirst().ifPresent(c -> cause.append("; a burst of WAL on the primary: ").append(c.text()));
            step = bulk.stream().findFirst().map(b -> "Throttle or pause " + Triggers.label(b) + " (smaller batches with pauses), ")
                    .orElse("Throttle or batch the bulk writes, ") + "and give the replica the IO to replay them (disk "
                    + "throughput, instance size); move heavy reads off it meanwhile";
        }
        List<Observation> evidence = Facts.join(lag.stream().toList(), longTx.stream().toList(), network, writes.stream().toList(),
                category == RootCauseCategory.INFRASTRUCTURE ? List.of() : conflicts, category == RootCauseCategory.INFRASTRUCTURE
                        ? List.of() : checkpoints, network.isEmpty() && longTx.isEmpty() && conflicts.isEmpty()
                        ? bulk.stream().limit(1).toList() : List.of());
        return Optional.of(new Hypothesis(family(), category, 0.75, cause.toString(), evidence,
                List.of(step, "Keep reads that need fresh data on the primary until the lag is back under its threshold"),
                Facts.onset(evidence), false));
    }
}
