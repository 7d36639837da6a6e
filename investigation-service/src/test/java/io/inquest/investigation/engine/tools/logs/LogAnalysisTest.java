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

class LogAnalysisTest {

    private static final Instant ALERT = Instant.parse("2026-03-04T10:00:00Z");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            oom                  | `Exception in thread "main" java.lang.OutOfMemoryError: Java heap space`                                  |
            oom                  | `[12345.678] Memory cgroup out of memory: Killed process 4242 (java) total-vm:4194304kB, anon-rss:524288kB` |
            oom                  | `fatal error: runtime: out of memory`                                                                     |
            oom                  | `FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory`                        |
            connection_refused   | `2026/03/04 09:56:01 dial tcp 10.96.14.7:5432: connect: connection refused`                               | 10.96.14.7:5432
            connection_refused   | `Error: connect ECONNREFUSED 10.0.3.12:6379`                                                              | 10.0.3.12:6379
            connection_refused   | `org.postgresql.util.PSQLException: Connection to orders-db:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.` | orders-db:5432
            connection_refused   | `Get "http://inventory.shop.svc:8080/v1/stock": dial tcp 10.96.40.2:8080: connect: connection refused`    | inventory.shop.svc:8080
            connection_reset     | `read tcp 10.1.4.9:43122->10.96.0.44:6379: read: connection reset by peer`                                 |
            connection_reset     | `write tcp 10.1.4.9:51234->10.96.8.1:443: write: broken pipe`                                             |
            connection_reset     | `Post "https://payments.internal/charge": EOF`                                                            | payments.internal
            connection_reset     | `Error: socket hang up  code: 'ECONNRESET'`                                                                |
            too_many_connections | `FATAL:  sorry, too many clients already`                                                                 |
            too_many_connections | `FATAL:  remaining connection slots are reserved for non-replication superuser connections`                |
            too_many_connections | `java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.` |
            too_many_connections | `ERROR 1040 (08004): Too many connections`                                                                |
            dns                  | `dial tcp: lookup orders-db.shop.svc.cluster.local on 10.96.0.10:53: no such host`                        | orders-db.shop.svc.cluster.local
            dns                  | `java.net.UnknownHostException: payments-api.payments.svc.cluster.local`                                   | payments-api.payments.svc.cluster.local
            dns                  | `Error: getaddrinfo ENOTFOUND redis-master`                                                               | redis-master
            dns                  | `Error: getaddrinfo EAI_AGAIN auth-service`                                                               | auth-service
            dns                  | `psycopg2.OperationalError: could not translate host name "pg-primary" to address: Temporary failure in name resolution` | pg-primary
            dns                  | `dial tcp: lookup kafka-0.kafka-headless on 10.96.0.10:53: read udp 10.1.2.3:38211->10.96.0.10:53: i/o timeout` | kafka-0.kafka-headless
            dns                  | `dial tcp: lookup api.github.com on 10.96.0.10:53: server misbehaving`                                    | api.github.com
            upstream_error       | `Paynova POST /v2/payments attempt 1/3 failed: HTTP 503 Service Unavailable body={}`                      |
            upstream_error       | `upstream connect error or disconnect/reset before headers. reset reason: connection failure`            |
            timeout              | `rpc error: code = DeadlineExceeded desc = context deadline exceeded`                                     |
            timeout              | `java.net.SocketTimeoutException: Read timed out`                                                         |
            timeout              | `upstream request failed status=504 path=/api/orders`                                                     |
            disk_full            | `ERROR: could not extend file "base/16384/2619": No space left on device`                                  |
            disk_full            | `Error: ENOSPC: no space left on device, write`                                                           |
            tls                  | `Get "https://api.partner.example/v2/rates": x509: certificate has expired or is not yet valid: current time 2026-03-04T09:58:00Z is after 2026-03-01T00:00:00Z` | api.partner.example
            tls                  | `javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target` |
            tls                  | `tls: failed to verify certificate: x509: certificate signed by unknown authority`                        |
            panic                | `panic: runtime error: invalid memory address or nil pointer dereference`                                 |
            panic                | `Traceback (most recent call last):`                                                                      |
            panic                | `[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a3b2c]`                                   |
            exception            | `java.lang.IllegalStateException: order 1842 has no lines`                                                |
            exception            | `Exception in thread "pool-2-thread-1" java.lang.NullPointerException: Cannot invoke "String.length()" because "name" is null` |
            missing_config       | `Error: required environment variable DATABASE_URL is not set`                                            |
            missing_config       | `java.lang.IllegalArgumentException: Could not resolve placeholder 'payments.api.key' in value "${payments.api.key}"` |
            missing_config       | `open /etc/app/config.yaml: no such file or directory`                                                    |
            missing_config       | `pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings`                           |
            missing_config       | `Error: ENOENT: no such file or directory, open '/etc/storefront/flags/sdk-key'`                          |
            missing_config       | `KeyError: 'STRIPE_SECRET_KEY'`                                                                           |
            """)
    void aRealLineIsRecognisedAsItsSignature(String signature, String line, String target) {
        List<Observation> found = LogAnalysis.analyse(List.of(line(ALERT.minusSeconds(120), line)), ALERT, "shop/cart", 5)
                .signatures();

        assertThat(found).as("signatures of: " + line).hasSize(1);
        Observation o = found.get(0);
        assertThat(o.attr("signature")).isEqualTo(signature);
        assertThat(o.attr("sample")).isEqualTo(line);
        assertThat(o.attr("target")).as("target named by: " + line).isEqualTo(target);
        assertThat(o.attr("relative")).isEqualTo("2 min before the alert");
        assertThat(o.attr("first")).isEqualTo("2026-03-04T09:58:00Z");
    }

    @Test
    void aJavaStackTraceIsOneOccurrenceOfItsMostSpecificCause() {
        List<LogLine> lines = new ArrayList<>();
        Instant t = ALERT.minusSeconds(300);
        for (String text : List.of(
                "2026-03-04 09:55:00.123 ERROR 1 --- [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() threw exception",
                "org.springframework.dao.DataAccessResourceFailureException: Failed to obtain JDBC Connection",
                "\tat org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:84)",
                "\tat com.shop.orders.OrderRepository.find(OrderRepository.java:41)",
                "Caused by: java.net.UnknownHostException: orders-db",
                "\tat java.base/java.net.InetAddress.getAllByName0(InetAddress.java:1534)",
                "\t... 42 common frames omitted")) {
            lines.add(line(t, text));
        }

        LogAnalysis.Result result = LogAnalysis.analyse(lines, ALERT, "shop/orders", 5);

        assertThat(result.entries()).isEqualTo(2);
        assertThat(result.signatures()).singleElement().satisfies(o -> {
            assertThat(o.attr("signature")).isEqualTo("dns");
            assertThat(o.attr("count")).isEqualTo("1");
            assertThat(o.attr("target")).isEqualTo("orders-db");
            assertThat(o.attr("sample")).isEqualTo("Caused by: java.net.UnknownHostException: orders-db");
        });
    }

    @Test
    void aGoPanicWithItsGoroutinesIsOnePanic() {
        Instant t = ALERT.minusSeconds(60);
        List<LogLine> lines = List.of(
                line(t, "panic: runtime error: invalid memory address or nil pointer dereference"),
                line(t, "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6f1c3a]"),
                line(t, ""),
                line(t, "goroutine 1 [running]:"),
                line(t, "main.(*Server).handle(0x0, {0xc0001a2000, 0x10})"),
                line(t, "\t/src/server.go:88 +0x3a"),
                line(t, "main.main()"),
                line(t, "\t/src/main.go:21 +0x1e5"));

        LogAnalysis.Result result = LogAnalysis.analyse(lines, ALERT, "shop/cart", 5);

        assertThat(result.entries()).isEqualTo(1);
        assertThat(result.signatures()).singleElement().satisfies(o -> assertThat(o.attr("signature")).isEqualTo("panic"));
    }

    @Test
    void aPythonTracebackEndsWithItsExceptionLine() {
        Instant t = ALERT.minusSeconds(60);
        List<LogLine> lines = List.of(
                line(t, "Traceback (most recent call last):"),
                line(t, "  File \"/app/worker.py\", line 12, in <module>"),
                line(t, "    conn = psycopg2.connect(os.environ[\"DATABASE_URL\"])"),
                line(t, "psycopg2.OperationalError: connection to server at \"pg.db.svc\" (10.96.3.3), port 5432 failed: Connection refused"),
                line(t.plusSeconds(1), "INFO shutting down"));

        LogAnalysis.Result result = LogAnalysis.analyse(lines, ALERT, "jobs/worker", 5);

        assertThat(result.entries()).isEqualTo(2);
        assertThat(result.signatures()).singleElement().satisfies(o -> {
            assertThat(o.attr("signature")).isEqualTo("connection_refused");
            assertThat(o.attr("target")).isEqualTo("pg.db.svc:5432");
        });
    }

    @Test
    void errorLinesThatDifferOnlyInNumbersIdsAndAddressesAreOnePatternCountedWithItsFirstOccurrence() {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add(line(ALERT.minusSeconds(400 - i * 10), "2026-03-04T09:5" + (i % 10) + ":00Z ERROR order " + (1000 + i)
                    + " failed: upstream 10.0.0." + i + ":8080 answered 503 for request " + java.util.UUID.randomUUID()));
        }
        lines.add(line(ALERT.minusSeconds(30), "ERROR payment declined for customer 'c-77'"));
        lines.add(line(ALERT.minusSeconds(20), "INFO order 1 placed in 23 ms"));
        lines.add(line(ALERT.minusSeconds(10), "DEBUG cache miss error=none"));

        LogAnalysis.Result result = LogAnalysis.analyse(lines, ALERT, "shop/orders", 5);

        List<Observation> patterns = result.observations().stream().filter(o -> o.signal() == Signal.LOG_PATTERN).toList();
        assertThat(patterns).hasSize(2);
        assertThat(patterns.get(0).attr("pattern")).isEqualTo("ERROR order <n> failed: upstream <ip> answered <n> for request <uuid>");
        assertThat(patterns.get(0).attr("count")).isEqualTo("12");
        assertThat(patterns.get(0).attr("relative")).isEqualTo("6 min before the alert");
        assertThat(patterns.get(0).attr("sample")).startsWith("2026-03-04T09:50:00Z ERROR order 1000 failed: upstream 10.0.0.0:8080");
        assertThat(patterns.get(1).attr("pattern")).isEqualTo("ERROR payment declined for customer '<*>'");
        assertThat(result.errorEntries()).isEqualTo(13);
    }

    @Test
    void theCrashedContainersLinesAreMarkedPrevious() {
        LogLine crashed = new LogLine(ALERT.minusSeconds(90), "cart-7d9f8b6c4-x2k4q", "app", true,
                "java.lang.OutOfMemoryError: Java heap space", "kubernetes");

        Observation o = LogAnalysis.analyse(List.of(crashed), ALERT, "shop/cart", 5).signatures().get(0);

        assertThat(o.attr("previous")).isEqualTo("true");
        assertThat(o.attr("pod")).isEqualTo("cart-7d9f8b6c4-x2k4q");
        assertThat(o.attr("container")).isEqualTo("app");
        assertThat(o.text()).contains("the previous container of cart-7d9f8b6c4-x2k4q/app", "java.lang.OutOfMemoryError: Java heap space",
                "1 min before the alert");
    }

    @Test
    void ordinaryLinesGiveNoFindings() {
        List<LogLine> lines = List.of(line(ALERT, "INFO started in 2.3 s"), line(ALERT, "GET /health 200 1ms"),
                line(ALERT, "level=info msg=\"reconciled\" errors=0"));

        assertThat(LogAnalysis.analyse(lines, ALERT, "shop/cart", 5).observations()).isEmpty();
    }

    private static LogLine line(Instant at, String text) {
        return new LogLine(at, "cart-7d9f8b6c4-x2k4q", "app", false, text, "kubernetes");
    }

    @Test
    void aJsonLineWithAStackTraceFieldIsReadAsItsMessageAndTheTraceThatContinuesIt() {
        String json = "{\"@timestamp\":\"2026-03-04T09:58:00.000+00:00\",\"message\":\"Application run failed\","
                + "\"logger_name\":\"o.s.boot.SpringApplication\",\"level\":\"ERROR\","
                + "\"stack_trace\":\"org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'tariffCatalog'\\n"
                + "\\tat o.s.b.f.s.AbstractAutowireCapableBeanFactory.initializeBean(AbstractAutowireCapableBeanFactory.java:1806)\\n"
                + "Caused by: java.lang.IllegalStateException: Duplicate key GOLD (attempted merging values 1 and 2)\\n"
                + "\\tat java.base/java.util.stream.Collectors.duplicateKeyException(Collectors.java:135)\"}";
        List<LogLine> lines = List.of(new LogLine(ALERT.minusSeconds(120), "pricing-engine-5f6c84b7d9-l2gvb", "app", true, json,
                "kubernetes"));

        List<Observation> found = LogAnalysis.analyse(lines, ALERT, "pricing/pricing-engine", 3).signatures();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).attr("signature")).isEqualTo("exception");
        assertThat(found.get(0).attr("sample")).as("the line that matched and the root cause")
                .contains("BeanCreationException: Error creating bean with name 'tariffCatalog'", "Duplicate key GOLD");
        assertThat(LogAnalysis.entries(JsonLogLines.expand(lines.get(0))).get(0).lines().get(0))
                .isEqualTo("ERROR o.s.boot.SpringApplication: Application run failed");
    }

    @Test
    void aVeryLongQuotedLineIsMaskedWithoutExhaustingTheStack() {
        String huge = "ERROR payload=\"" + "x\\\"y".repeat(5_000) + "\" failed";

        assertThat(LogAnalysis.mask(huge)).startsWith("ERROR payload=");
        assertThat(LogAnalysis.analyse(List.of(new LogLine(ALERT, "p", "c", false, huge, "loki")), ALERT, "s", 3).errorEntries())
                .isEqualTo(1);
    }

    @Test
    void aPinoLineWithANumericLevelAndAnErrorObjectNamesItsError() {
        String json = "{\"level\": 50, \"time\": 1770715212545, \"msg\": \"feature flag client failed to initialise\", "
                + "\"err\": {\"type\": \"Error\", \"message\": \"ENOENT: no such file or directory, open '/etc/storefront/flags/sdk-key'\"}}";

        List<Observation> found = LogAnalysis.analyse(List.of(new LogLine(ALERT, "web-1", "web", false, json, "loki")), ALERT, "s", 3)
                .signatures();

        assertThat(found).extracting(o -> o.attr("signature")).containsExactly("missing_config");
        assertThat(found.get(0).attr("sample")).startsWith("ERROR feature flag client failed to initialise: ENOENT");
    }
}
