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

/** What of an error record is quoted, and which lines are not failures of a dependency. */
class ErrorContentTest {

    private static final Instant ALERT = Instant.parse("2026-06-02T08:00:00Z");

    @Test
    void aPydanticSettingsErrorQuotesTheMissingFieldsNotTheTracebackHeader() {
        List<LogLine> lines = lines(ALERT.minusSeconds(90), "ingest-7c9d-abcde", true,
                "Traceback (most recent call last):",
                "  File \"/srv/ingest/app.py\", line 7, in <module>",
                "    from ingest.settings import settings",
                "  File \"/srv/ingest/settings.py\", line 30, in <module>",
                "    settings = AppSettings()",
                "pydantic_core._pydantic_core.ValidationError: 2 validation errors for AppSettings",
                "kafka_bootstrap",
                "  Field required [type=missing, input_value={'log_level': 'DEBUG', 'api_token': 's3cr3t'}, input_type=dict]",
                "    For further information visit https://errors.pydantic.dev/2.7/v/missing",
                "batch_size",
                "  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='ten', input_type=str]",
                "    For further information visit https://errors.pydantic.dev/2.7/v/int_parsing");

        LogAnalysis.Result result = LogAnalysis.analyse(lines, ALERT, "data/ingest", 5);

        assertThat(result.entries()).as("the traceback, the error and its fields are one record").isEqualTo(1);
        Observation signature = result.signatures().get(0);
        assertThat(signature.attr("signature")).isEqualTo("missing_config");
        assertThat(signature.attr("sample")).contains("2 validation errors for AppSettings", "kafka_bootstrap (Field required [type=missing])",
                "batch_size (Input should be a valid integer").doesNotContain("s3cr3t").doesNotContain("Traceback");
        Observation pattern = pattern(result);
        assertThat(pattern.attr("pattern")).as("the pattern is named by the error, not the header").contains("ValidationError");
    }

    @Test
    void aPythonTracebackIsGroupedByItsFinalExceptionAndChainedTracebacksStayOneRecord() {
        List<LogLine> lines = lines(ALERT.minusSeconds(60), "worker-1", false,
                "Traceback (most recent call last):",
                "  File \"/app/jobs.py\", line 40, in load",
                "    return cfg[\"QUEUE_URL\"]",
                "KeyError: 'QUEUE_URL'",
                "",
                "The above exception was the direct cause of the following exception:",
                "",
                "Traceback (most recent call last):",
                "  File \"/app/main.py\", line 9, in <module>",
                "    start()",
                "RuntimeError: worker cannot start without a queue");

        LogAnalysis.Result result = LogAnalysis.analyse(lines, ALERT, "jobs/worker", 5);

        assertThat(result.entries()).isEqualTo(1);
        assertThat(result.signatures().get(0).attr("sample")).as("the missing key that matched, then the final exception")
                .isEqualTo("KeyError: 'QUEUE_URL' ... RuntimeError: worker cannot start without a queue");
        assertThat(pattern(result).attr("pattern")).isEqualTo("RuntimeError: worker cannot start without a queue");
    }

    @Test
    void aSpringStartupFailureQuotesItsRootCauseEvenWhenASummaryLineCameFirst() {
        Instant t = ALERT.minusSeconds(200);
        List<LogLine> lines = new ArrayList<>();
        lines.add(new LogLine(t, "ledger-5b7-x1", "app", true, "2026-06-02T07:56:40.100Z  WARN 1 --- [main] ConfigServletWebServerApplicationContext :"
                + " Exception encountered during context initialization - cancelling refresh attempt:"
                + " org.springframework.beans.factory.UnsatisfiedDependencyException: Error creating bean with name 'ledgerService'", "kubernetes"));
        lines.addAll(lines(t.plusSeconds(1), "ledger-5b7-x1", true,
                "2026-06-02T07:56:41.000Z ERROR 1 --- [main] o.s.boot.SpringApplication : Application run failed",
                "org.springframework.beans.factory.UnsatisfiedDependencyException: Error creating bean with name 'ledgerService': " + "x".repeat(400),
                "\tat org.springframework.beans.factory.support.ConstructorResolver.createArgumentArray(ConstructorResolver.java:795)",
                "Caused by: org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'accountIndex'",
                "\tat org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.initializeBean(AbstractAutowireCapableBeanFactory.java:1806)",
                "Caused by: java.lang.IllegalStateException: Duplicate key ACC-001 (attempted merging values Account[1] and Account[2])",
                "\tat java.base/java.util.stream.Collectors.duplicateKeyException(Collectors.java:135)",
                "\t... 37 common frames omitted"));

        Observation exception = LogAnalysis.analyse(lines, ALERT, "fin/ledger", 5).signatures().get(0);

        assertThat(exception.attr("signature")).isEqualTo("exception");
        assertThat(exception.attr("sample")).contains("Caused by: java.lang.IllegalStateException: Duplicate key ACC-001");
        assertThat(exception.attr("count")).isEqualTo("2");
        assertThat(exception.attr("first")).as("first is still the first occurrence").isEqualTo(t.toString());
    }

    @Test
    void aGoPanicQuotesTheApplicationFrameThatPanicked() {
        List<LogLine> lines = lines(ALERT.minusSeconds(30), "router-9f-abc", true,
                "panic: assignment to entry in nil map",
                "",
                "goroutine 41 [running]:",
                "github.com/acme/router/internal/table.(*Routes).Add(0xc0001a4000, {0xc00012e0a0, 0x9})",
                "\t/src/internal/table/routes.go:57 +0x1c5",
                "main.main()",
                "\t/src/cmd/router/main.go:33 +0x85",
                "exit status 2");

        Observation panic = LogAnalysis.analyse(lines, ALERT, "edge/router", 5).signatures().get(0);

        assertThat(panic.attr("signature")).isEqualTo("panic");
        assertThat(panic.attr("sample")).isEqualTo(
                "panic: assignment to entry in nil map in github.com/acme/router/internal/table.(*Routes).Add (internal/table/routes.go:57)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            client_abort          | `2026-06-02T07:58:00.000Z  WARN 1 --- [nio-8080-exec-4] .m.m.a.ExceptionHandlerExceptionResolver : Resolved [org.apache.catalina.connector.ClientAbortException: java.io.IOException: Broken pipe]`
            client_abort          | `org.eclipse.jetty.io.EofException: Closed while writing response`
            client_abort          | `2026/06/02 07:58:00 http: response write failed: write tcp 10.2.0.14:8080->10.2.3.99:53122: write: broken pipe`
            client_abort          | `10.2.3.4 - - [02/Jun/2026:07:58:00 +0000] "GET /export.csv HTTP/1.1" 499 0 "-" "curl/8.5.0"`
            client_abort          | `[02/Jun/2026 07:58:00] - Broken pipe from ('10.2.3.4', 51874)`
            connection_reset      | `write tcp 10.2.0.14:51874->10.96.8.1:5432: write: broken pipe`
            event_loop_blocked    | `{"level":40,"time":1780387080000,"msg":"event loop blocked for 1843ms"}`
            event_loop_blocked    | `WARNING [io.vertx.core.impl.BlockedThreadChecker] Thread Thread[vert.x-eventloop-thread-3,5,main] has been blocked for 4211 ms, time limit is 2000 ms`
            event_loop_blocked    | `WARNING asyncio: Executing <Task pending name='Task-12' coro=<handle() running at /app/api.py:80>> took 1.532 seconds`
            gc_pressure           | `[2026-06-02T07:58:00.000+0000][gc] GC(812) Pause Full (G1 Compaction Pause) 3980M->3911M(4096M) 4812.331ms`
            gc_pressure           | `WARN  [JvmPauseMonitor] Detected pause in JVM or host machine (eg GC): pause of approximately 5120ms`
            thread_pool_exhausted | `java.util.concurrent.RejectedExecutionException: Task java.util.concurrent.FutureTask@1b2c rejected from java.util.concurrent.ThreadPoolExecutor@3f[Running, pool size = 200, active threads = 200, queued tasks = 1000]`
            thread_pool_exhausted | `2026-06-02 07:58:00.001:WARN:oejut.QueuedThreadPool:Thread starvation or clock leap detected (elapsed=12000ms)`
            """)
    void clientAbortsAndRuntimeSaturationAreTheirOwnSignatures(String signature, String line) {
        List<Observation> found = LogAnalysis.analyse(List.of(new LogLine(ALERT.minusSeconds(120), "api-1", "api", false, line, "loki")),
                ALERT, "shop/api", 5).signatures();

        assertThat(found).extracting(o -> o.attr("signature")).as(line).containsExactly(signature);
    }

    @Test
    void warningsAreGroupedApartFromErrorsAndRankedBelowThem() {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            lines.add(new LogLine(ALERT.minusSeconds(300 - i * 20), "consumer-1", "app", false, "2026-06-02T07:55:0" + i
                    + ".000Z  WARN 1 --- [ntainer#0-0-C-1] o.a.k.c.c.internals.ConsumerCoordinator : [Consumer groupId=settle] "
                    + "Request joining group due to: group is already rebalancing", "kubernetes"));
        }
        lines.add(new LogLine(ALERT.minusSeconds(100), "consumer-1", "app", false,
                "2026-06-02T07:58:20.000Z ERROR 1 --- [main] c.a.Settle : settlement 7781 rejected by ledger", "kubernetes"));
        lines.add(new LogLine(ALERT.minusSeconds(90), "consumer-1", "app", false,
                "2026-06-02T07:58:30.000Z  INFO 1 --- [main] c.a.Settle : partitions assigned: [settle-3]", "kubernetes"));

        LogAnalysis.Result result = LogAnalysis.analyse(lines, ALERT, "pay/consumer", 5);

        assertThat(result.observations()).extracting(Observation::signal).containsExactly(Signal.LOG_PATTERN, Signal.LOG_WARNING);
        Observation warning = result.observations().get(1);
        assertThat(warning.attr("count")).isEqualTo("4");
        assertThat(warning.attr("sample")).contains("group is already rebalancing");
        assertThat(warning.text()).startsWith("4 warnings like").contains("5 min before the alert");
        assertThat(result.errorEntries()).as("warnings are not errors").isEqualTo(1);
    }

    private static Observation pattern(LogAnalysis.Result result) {
        return result.observations().stream().filter(o -> o.signal() == Signal.LOG_PATTERN).findFirst().orElseThrow();
    }

    private static List<LogLine> lines(Instant at, String pod, boolean previous, String... texts) {
        List<LogLine> lines = new ArrayList<>();
        for (String text : texts) {
            lines.add(new LogLine(at, pod, "app", previous, text, "kubernetes"));
        }
        return lines;
    }
}
