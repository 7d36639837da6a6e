package io.inquest.investigation.engine.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.inquest.events.Alert;
import io.inquest.events.RootCauseCategory;
import io.inquest.events.Severity;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Symptom;
import io.inquest.investigation.engine.Target;

/**
 * A database falling behind or filling up after some service started writing in bulk (a
 * migration, a backfill, an import) names that work, whichever service recorded it; a deploy
 * of another service is not bulk work. Pure logic, no servers.
 */
class BulkWorkTest {

    private static final Instant START = Instant.parse("2026-04-09T03:20:00Z");

    @Test
    void lagAfterAnotherServicesBackfillNamesTheBackfillAndSaysToThrottleIt() {
        Case incident = incident(lag(),
                change("ledger-api", "deploy", "7.4.0", "ledger-api 7.4.0: new export button", 50),
                change("billing-api", "data-migration", "2026_04_09_fill_invoice_totals",
                        "Fill invoices.total_cents for 9.8M rows in batches of 20000", 17));

        Hypothesis h = new ReplicationLagRule().assess(incident).orElseThrow();

        assertThat(h.category()).isEqualTo(RootCauseCategory.RESOURCE_EXHAUSTION);
        assertThat(h.cause()).contains("2026_04_09_fill_invoice_totals", "9.8M rows").doesNotContain("new export button");
        assertThat(String.join(" ", h.remediation())).contains("Throttle or pause").contains("2026_04_09_fill_invoice_totals");
    }

    @Test
    void aDeployElsewhereOrBulkWorkLongBeforeIsNotNamed() {
        Case incident = incident(lag(),
                change("ledger-api", "deploy", "7.4.0", "ledger-api 7.4.0: new export button", 20),
                change("billing-api", "migration", "2026_04_08_backfill", "backfill of yesterday", 60 * 7));

        Hypothesis h = new ReplicationLagRule().assess(incident).orElseThrow();

        assertThat(h.cause()).doesNotContain("bulk write", "7.4.0", "2026_04_08_backfill");
    }

    @Test
    void aVolumeFillingAfterAnImportNamesTheImport() {
        Case incident = incident(
                Observation.of("prometheus", Signal.VOLUME_USAGE, "volume/data-pg-0").at(START.minus(Duration.ofMinutes(5)))
                        .attr("of", "PersistentVolumeClaim data-pg-0").attr("ratio", "0.97")
                        .text("PersistentVolumeClaim data-pg-0 is 97 % full (485Gi of 500Gi)"),
                change("catalog-sync", "job", "import-2026-04-09", "Nightly import of supplier catalogue (41 GB CSV)", 90));

        Hypothesis h = new StorageFullRule().assess(incident).orElseThrow();

        assertThat(h.cause()).contains("import-2026-04-09", "41 GB CSV");
    }

    private static Observation lag() {
        return Observation.of("prometheus", Signal.DATABASE, "database/pg/replication_lag").at(START.minus(Duration.ofMinutes(8)))
                .attr("metric", "replication_lag").attr("peak", "184").text("replication lag of pg-replica-1 reached 3m04s");
    }

    private static Observation change(String service, String kind, String version, String description, int minutesBefore) {
        return Observation.of("recent_changes", Signal.CHANGE, "change/" + service).at(START.minus(Duration.ofMinutes(minutesBefore)))
                .attr("service", service).attr("kind", kind).attr("version", version).attr("description", description)
                .attr("scope", "elsewhere").text(kind + " of " + service + " " + version + ": " + description);
    }

    private static Case incident(Observation... observations) {
        List<Observation> list = new ArrayList<>();
        for (Observation o : observations) {
            list.add(o.withId(o.source() + "-" + (list.size() + 1)));
        }
        Alert alert = new Alert("alertmanager", "PostgresqlReplicationLag", "replica behind", null, Severity.CRITICAL, "pg",
                Map.of("namespace", "data"), Map.of(), Map.of(), START, "fp", null);
        Subject subject = new Subject("inq-bulk", alert, Symptom.UNKNOWN, new Target("data", "pg", "pg", null, null, null));
        return new Case(subject, list, Set.of("logs", "prometheus", "kubernetes"));
    }
}
