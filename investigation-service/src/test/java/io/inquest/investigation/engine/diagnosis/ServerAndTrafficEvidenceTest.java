package io.inquest.investigation.engine.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The rules quote what the access logs, the database servers' logs and the log volume show. */
class ServerAndTrafficEvidenceTest {

    private static final Instant START = Instant.parse("2026-08-20T21:00:00Z");

    @Test
    void aSurgeQuotesTheRouteUserAgentAndTimeoutsOfTheAccessLog() {
        Case incident = incident(
                Observation.of("prometheus", Signal.TRAFFIC_SURGE, "traffic/shop").at(START.minusSeconds(600)).attr("ratio", "6.2")
                        .text("request rate 6.2x the same hour's baseline"),
                access("ingress to shop/catalog", "GET /catalogue", "0.93", "Mozilla/5.0 HeadlessChrome/126.0", "0.9",
                        "access logs: 93 % are GET /catalogue; 90 % from user agent \"Mozilla/5.0 HeadlessChrome/126.0\"; status 504 x50"),
                Observation.of("logs", Signal.LOG_SIGNATURE, "logs/shop/catalog/worker_timeout").attr("signature", "worker_timeout")
                        .attr("count", "7").text("log signature worker_timeout: 7 occurrence(s): \"[CRITICAL] WORKER TIMEOUT (pid:57)\""));

        Hypothesis h = new TrafficSurgeRule().assess(incident).orElseThrow();

        assertThat(h.category()).isEqualTo(RootCauseCategory.TRAFFIC_SURGE);
        assertThat(h.cause()).contains("GET /catalogue", "HeadlessChrome/126.0", "504 x50", "WORKER TIMEOUT");
        assertThat(String.join(" ", h.remediation())).contains("user agent \"Mozilla/5.0 HeadlessChrome/126.0\"");
    }

    @Test
    void aSurgeSeenOnlyInTheAccessLogIsStillASurge() {
        Observation access = access("identity/auth", "POST /oauth/token", "1.0", "TillApp/3.1", "0.8", "access logs: 100 % are POST /oauth/token");
        Case incident = incident(Observation.of(access.source(), access.signal(), access.subject()).attr("ratio", "9").attr("requests", "2400")
                .attr("topRoute", "POST /oauth/token").text(access.text()));

        assertThat(new TrafficSurgeRule().assess(incident)).get().extracting(Hypothesis::confidence).isEqualTo(0.72);
    }

    @Test
    void aFullDatabaseDiskQuotesTheServerLogAndTheSlotThatHoldsTheWal() {
        Case incident = incident(
                Observation.of("prometheus", Signal.VOLUME_USAGE, "volume/data-crm-pg-0").attr("of", "data-crm-pg-0").attr("ratio", "0.99")
                        .text("volume data-crm-pg-0 is 99 % full"),
                serverLog("disk_full", "database server log of crm-pg-0: disk full, 14 lines: \"PANIC:  could not write to file "
                        + "\"pg_wal/xlogtemp.88\": No space left on device\""),
                serverLog("replication_slot", "database server log of crm-pg-0: replication slot, 3 lines: \"replication slot \"cdc\" is inactive\""));

        Hypothesis h = new StorageFullRule().assess(incident).orElseThrow();

        assertThat(h.cause()).contains("No space left on device", "replication slot \"cdc\"");
        assertThat(h.confidence()).isEqualTo(0.9);
        assertThat(String.join(" ", h.remediation())).contains("max_slot_wal_keep_size");
    }

    @Test
    void aVolumeFilledByADebugLogNamesTheVerboseWorkload() {
        Case incident = incident(
                Observation.of("logs", Signal.LOG_SIGNATURE, "logs/docs/docstore/disk_full").attr("signature", "disk_full").attr("count", "40")
                        .attr("sample", "OSError: [Errno 28] No space left on device").text("disk full"),
                Observation.of("logs", Signal.LOG_VOLUME, "log-volume/docstore").attr("of", "docstore").attr("debugShare", "0.81")
                        .attr("linesPerMinute", "2400").text("81 % of docstore's log lines are DEBUG or TRACE, 2400 lines/min"));

        Hypothesis h = new StorageFullRule().assess(incident).orElseThrow();

        assertThat(h.cause()).contains("81 % of docstore's log lines are DEBUG");
        assertThat(String.join(" ", h.remediation())).contains("Set docstore's log level back from DEBUG");
    }

    @Test
    void aQuietLogIsNotBlamedForTheDisk() {
        Case incident = incident(
                Observation.of("logs", Signal.LOG_SIGNATURE, "logs/x/disk_full").attr("signature", "disk_full").attr("count", "4")
                        .attr("sample", "No space left on device").text("disk full"),
                Observation.of("logs", Signal.LOG_VOLUME, "log-volume/api").attr("of", "api").attr("debugShare", "0.02")
                        .attr("linesPerMinute", "12").text("2 % of api's log lines are DEBUG or TRACE, 12 lines/min"));

        assertThat(new StorageFullRule().assess(incident).orElseThrow().cause()).doesNotContain("api's log lines");
    }

    @Test
    void lagWithRecoveryConflictsIsAQueryHoldingReplay() {
        Case incident = incident(
                Observation.of("prometheus", Signal.DATABASE, "database/pg/replication_lag").attr("metric", "replication_lag")
                        .attr("peak", "412").text("replication lag of pg reached 6m52s"),
                serverLog("recovery_conflict", "database server log of pg-replica-0: recovery conflict, 2 lines: \"DETAIL:  Conflicting "
                        + "process: 40417.\""));

        Hypothesis h = new ReplicationLagRule().assess(incident).orElseThrow();

        assertThat(h.category()).isEqualTo(RootCauseCategory.RESOURCE_EXHAUSTION);
        assertThat(h.cause()).contains("Conflicting process: 40417");
        assertThat(String.join(" ", h.remediation())).contains("max_standby_streaming_delay");
    }

    @Test
    void lagWithTheWalStreamLostIsTheInfrastructure() {
        Case incident = incident(
                Observation.of("prometheus", Signal.DATABASE, "database/pg/replication_lag").attr("metric", "replication_lag")
                        .attr("peak", "412").text("replication lag of pg reached 6m52s"),
                serverLog("replication_stream", "database server log of pg-read-1: replication stream, 9 lines: \"FATAL:  terminating "
                        + "walreceiver due to timeout\""));

        assertThat(new ReplicationLagRule().assess(incident).orElseThrow().category()).isEqualTo(RootCauseCategory.INFRASTRUCTURE);
    }

    @Test
    void exhaustedConnectionsNameWhoHoldsThem() {
        Case incident = incident(
                Observation.of("prometheus", Signal.DATABASE, "database/billing-db/connections").attr("metric", "connections")
                        .attr("ratio", "1.0").text("connections to billing-db reached 100 of max_connections 100 (100 %)"),
                Observation.of("prometheus", Signal.DATABASE, "database/billing-db/connection_holders").attr("metric", "connection_holders")
                        .attr("top", "application_name=invoice-batch usename=export").text("who holds the connections to billing-db: "
                                + "application_name=invoice-batch usename=export 64, application_name=web usename=web 30"),
                serverLog("too_many_connections", "database server log of billing-db-0: too many connections, 40 lines: \"FATAL:  sorry, "
                        + "too many clients already\""));

        Hypothesis h = new DatabaseConnectionsRule().assess(incident).orElseThrow();

        assertThat(h.cause()).contains("invoice-batch usename=export 64", "too many clients already", "max_connections 100");
        assertThat(h.remediation().get(0)).contains("application_name=invoice-batch usename=export holds the most");
    }

    private static Observation access(String of, String route, String routeShare, String agent, String agentShare, String text) {
        return Observation.of("logs", Signal.ACCESS_LOG, "access/" + of).at(START.minusSeconds(600)).attr("of", of).attr("requests", "900")
                .attr("ratio", "5.5").attr("topRoute", route).attr("topRouteShare", routeShare).attr("topUserAgent", agent)
                .attr("topUserAgentShare", agentShare).text(text);
    }

    private static Observation serverLog(String signature, String text) {
        return Observation.of("logs", Signal.DATABASE_LOG, "database-log/" + signature).at(START.minusSeconds(120))
                .attr("signature", signature).attr("count", "3").text(text);
    }

    private static Case incident(Observation... observations) {
        List<Observation> list = new ArrayList<>();
        for (Observation o : observations) {
            list.add(o.withId(o.source() + "-" + (list.size() + 1)));
        }
        Alert alert = new Alert("alertmanager", "Alert", "something fires", null, Severity.CRITICAL, "shop",
                Map.of("namespace", "shop"), Map.of(), Map.of(), START, "fp", null);
        Subject subject = new Subject("inq-rules", alert, Symptom.UNKNOWN, new Target("shop", "shop", "shop", null, null, null));
        return new Case(subject, list, Set.of("logs", "prometheus", "kubernetes"));
    }
}
