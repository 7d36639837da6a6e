package io.inquest.investigation.engine.tools.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.inquest.investigation.engine.Observation;

class StartupTimelineTest {

    private static final Instant ALERT = Instant.parse("2026-06-02T08:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `2026-06-02T07:50:41.200Z  INFO 1 --- [main] c.a.billing.BillingApplication : Started BillingApplication in 41.873 seconds (process running for 43.2)` | 41.873
            `2026-06-02 07:50:41,200 INFO  [io.quarkus] (main) inventory 2.3.1 on JVM (powered by Quarkus 3.15.1) started in 12.406s. Listening on: http://0.0.0.0:8080` | 12.406
            `07:50:41.200 [main] INFO  io.micronaut.runtime.Micronaut - Startup completed in 2350ms. Server Running: http://reco-7f-2:8080` | 2.35
            `02-Jun-2026 07:50:41.200 INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [18204] milliseconds` | 18.204
            """)
    void aFrameworksCompletionLineSaysHowLongStartUpTook(String line, String seconds) {
        List<Observation> found = StartupTimeline.observe(List.of(new LogLine(ALERT.minusSeconds(600), "api-1", "api", false, line, "loki")),
                ALERT, "shop/api");

        assertThat(found).singleElement().satisfies(o -> {
            assertThat(o.attr("completed")).isEqualTo("true");
            assertThat(o.attr("seconds")).isEqualTo(seconds);
            assertThat(o.text()).contains(seconds + " s");
        });
    }

    @Test
    void withoutAStatedDurationStartUpRunsFromTheFirstLineOfThePreviousContainerToItsListeningLine() {
        Instant t = ALERT.minusSeconds(900);
        List<LogLine> lines = List.of(
                new LogLine(t, "web-1", "web", true, "{\"level\":30,\"msg\":\"loading 48213 product embeddings\"}", "kubernetes"),
                new LogLine(t.plusSeconds(74), "web-1", "web", true, "{\"level\":30,\"msg\":\"server listening on http://0.0.0.0:3000\"}",
                        "kubernetes"));

        Observation o = StartupTimeline.observe(lines, ALERT, "shop/web").get(0);

        assertThat(o.attr("seconds")).isEqualTo("74");
        assertThat(o.attr("previous")).isEqualTo("true");
    }

    @Test
    void aPreviousContainerStoppedMidMigrationSaysWhichStepItWasIn() {
        Instant t = ALERT.minusSeconds(700);
        List<LogLine> lines = new ArrayList<>();
        String[] texts = {"INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.",
                "INFO  [alembic.runtime.migration] Running upgrade 3f1c -> 9ab2, add invoice totals",
                "INFO  [invoices.backfill] backfilled 200000/5100000 invoices",
                "INFO  [invoices.backfill] backfilled 400000/5100000 invoices",
                "[2026-06-02 07:50:31 +0000] [1] [INFO] Handling signal: term",
                "INFO  received SIGTERM, shutting down"};
        for (int i = 0; i < texts.length; i++) {
            lines.add(new LogLine(t.plusSeconds(i * 18L), "invoices-5d-q", "app", true, texts[i], "kubernetes"));
        }

        Observation o = StartupTimeline.observe(lines, ALERT, "fin/invoices").get(0);

        assertThat(o.attr("completed")).isEqualTo("false");
        assertThat(o.attr("seconds")).isEqualTo("90");
        assertThat(o.attr("step")).isEqualTo("INFO  [alembic.runtime.migration] Running upgrade 3f1c -> 9ab2, add invoice totals");
        assertThat(o.attr("lastLine")).as("what it was doing before it was told to stop")
                .isEqualTo("INFO  [invoices.backfill] backfilled 400000/5100000 invoices");
        assertThat(o.text()).contains("never finished starting", "Running upgrade 3f1c -> 9ab2");
    }

    @Test
    void aRunningContainersOrdinaryLinesSayNothingAboutStartUp() {
        List<LogLine> lines = List.of(new LogLine(ALERT.minusSeconds(60), "api-1", "api", false, "INFO GET /orders 200 12ms", "kubernetes"));

        assertThat(StartupTimeline.observe(lines, ALERT, "shop/api")).isEmpty();
    }
}
