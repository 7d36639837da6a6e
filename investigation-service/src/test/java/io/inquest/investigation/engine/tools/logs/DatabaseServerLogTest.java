package io.inquest.investigation.engine.tools.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;

class DatabaseServerLogTest {

    private static final Instant ALERT = Instant.parse("2026-02-17T06:15:00Z");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            disk_full                | `2026-02-17 06:12:01.118 UTC [4121] ERROR:  could not extend file "base/16384/24576.3": No space left on device`
            disk_full                | `2026-02-17 06:12:01.200 UTC [88] PANIC:  could not write to file "pg_wal/xlogtemp.88": No space left on device`
            disk_full                | `2026-02-17T06:12:01.118Z 12 [ERROR] [MY-011072] [Server] Disk is full writing './binlog.000042' (OS errno 28 - No space left on device)`
            disk_full                | `1:M 17 Feb 2026 06:12:01.118 # Write error saving DB on disk: No space left on device`
            too_many_connections     | `2026-02-17 06:12:01.118 UTC [5521] app@shop FATAL:  sorry, too many clients already`
            too_many_connections     | `2026-02-17 06:12:01.118 UTC [5521] FATAL:  remaining connection slots are reserved for non-replication superuser connections`
            too_many_connections     | `2026-02-17T06:12:01.118Z 0 [Warning] [MY-010055] [Server] Too many connections`
            recovery_conflict        | `2026-02-17 06:12:01.118 UTC [7712] report@ledger ERROR:  canceling statement due to conflict with recovery`
            recovery_conflict        | `2026-02-17 06:12:01.118 UTC [7712] report@ledger DETAIL:  User query might have needed to see row versions that must be removed.`
            recovery_conflict        | `2026-02-17 06:12:01.118 UTC [31] LOG:  recovery still waiting after 1000.112 ms: recovery conflict on snapshot`
            replication_slot         | `2026-02-17 06:12:01.118 UTC [41] LOG:  invalidating obsolete replication slot "cdc_orders"`
            replication_slot         | `2026-02-17 06:12:01.118 UTC [41] ERROR:  requested WAL segment 000000010000002A000000F1 has already been removed`
            checkpoints_too_frequent | `2026-02-17 06:12:01.118 UTC [27] LOG:  checkpoints are occurring too frequently (9 seconds apart)`
            replication_stream       | `2026-02-17 06:12:01.118 UTC [99] FATAL:  could not receive data from WAL stream: SSL SYSCALL error: EOF detected`
            replication_stream       | `2026-02-17 06:12:01.118 UTC [99] FATAL:  terminating walreceiver due to timeout`
            """)
    void recognisesWhatTheServerReports(String signature, String text) {
        assertThat(DatabaseServerLog.kind(text)).map(k -> k.wireName).contains(signature);
    }

    @Test
    void routineServerLinesAreNoSignature() {
        assertThat(DatabaseServerLog.kind("2026-02-17 06:12:01.118 UTC [27] LOG:  checkpoint complete: wrote 312 buffers (1.9%)")).isEmpty();
        assertThat(DatabaseServerLog.kind("2026-02-17 06:12:01.118 UTC [27] LOG:  database system is ready to accept connections")).isEmpty();
    }

    @Test
    void aRecoveryConflictQuotesItsDistinctLinesAndTheConflictingProcess() {
        List<LogLine> lines = List.of(
                line(ALERT.minusSeconds(400), "2026-02-17 06:08:20.001 UTC [31] LOG:  recovery still waiting after 1000.112 ms: recovery conflict on snapshot"),
                line(ALERT.minusSeconds(400), "2026-02-17 06:08:20.001 UTC [31] DETAIL:  Conflicting process: 40417."),
                line(ALERT.minusSeconds(100), "2026-02-17 06:13:20.001 UTC [40417] bi@ledger ERROR:  canceling statement due to conflict with recovery"));

        Observation conflict = DatabaseServerLog.analyse(lines, ALERT, "ledger/pg-replica").get(0);

        assertThat(conflict.signal()).isEqualTo(Signal.DATABASE_LOG);
        assertThat(conflict.attr("signature")).isEqualTo("recovery_conflict");
        assertThat(conflict.attr("count")).isEqualTo("3");
        assertThat(conflict.text()).contains("Conflicting process: 40417", "canceling statement due to conflict with recovery",
                "pg-replica-0", "6 min before the alert");
    }

    @Test
    void theClientsRefusedAndAuthorizedAreCountedByUserDatabaseAndApplication() {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add(line(ALERT.minusSeconds(60 - i), "2026-02-17 06:14:00.000 UTC [" + (900 + i) + "] export@billing FATAL:  sorry, too many clients already"));
        }
        lines.add(line(ALERT.minusSeconds(30), "2026-02-17 06:14:30.000 UTC [955] web@billing FATAL:  sorry, too many clients already"));
        for (int i = 0; i < 5; i++) {
            lines.add(line(ALERT.minusSeconds(300 + i), "2026-02-17 06:10:00.000 UTC [" + (700 + i)
                    + "] LOG:  connection authorized: user=export database=billing application_name=invoice-batch"));
            lines.add(line(ALERT.minusSeconds(300 + i), "2026-02-17 06:10:00.000 UTC [" + (700 + i) + "] LOG:  connection received: host=10.42.7.19 port=51"
                    + i));
        }

        List<Observation> found = DatabaseServerLog.analyse(lines, ALERT, "billing/billing-db");

        Observation clients = found.stream().filter(o -> o.is("signature", "clients")).findFirst().orElseThrow();
        assertThat(clients.attr("refused")).isEqualTo("user export on database billing x12, user web on database billing x1");
        assertThat(clients.attr("top")).isEqualTo("application invoice-batch user export on database billing");
        assertThat(clients.text()).contains("connections received from host: 10.42.7.19 x5");
        assertThat(found.get(0).attr("signature")).isEqualTo("too_many_connections");
    }

    @Test
    void applicationLinesGiveNothing() {
        assertThat(DatabaseServerLog.analyse(List.of(line(ALERT, "INFO OrderController created order 81")), ALERT, "shop/orders")).isEmpty();
    }

    private static LogLine line(Instant at, String text) {
        return new LogLine(at, "pg-replica-0", "postgres", false, text, "kubernetes");
    }
}
