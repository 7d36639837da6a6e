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
                "shop/api");

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

        Observation o = StartupTimeline.observe(lines, "shop/web").get(0);

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

        Observation o = StartupTimeline.observe(lines, "fin/invoices").get(0);

        assertThat(o.attr("completed")).isEqualTo("false");
        assertThat(o.attr("seconds")).isEqualTo("90");
        assertThat(o.attr("step")).isEqualTo("INFO  [alembic.runtime.migration] Running upgrade 3f1c -> 9ab2, add invoice totals");
        assertThat(o.attr("lastLine")).as("what it was doing before it was told to stop")
                .isEqualTo("INFO  [invoices.backfill] backfilled 400000/5100000 invoices");
        assertThat(o.text()).contains("did not finish starting", "Running upgrade 3f1c -> 9ab2");
    }

    @Test
    void aRunningReplicasLogReadFromItsStartGivesItsStartUpTimeAndOnlyOnceWhereTheWindowOverlaps() {
        Instant started = ALERT.minusSeconds(3 * 86400);
        LogLine first = new LogLine(started, "search-0", "search", false, "[2026-05-30T08:00:00,000][INFO ][o.e.n.Node] version[8.14.1], pid[7]",
                "kubernetes");
        LogLine ready = new LogLine(started.plusSeconds(131), "search-0", "search", false,
                "[2026-05-30T08:02:11,000][INFO ][o.e.h.AbstractHttpServerTransport] publish_address {10.4.0.9:9200}, listening on 9200", "kubernetes");

        List<Observation> found = StartupTimeline.observe(List.of(ready), List.of(first, ready), "search/es");

        assertThat(found).singleElement().satisfies(o -> {
            assertThat(o.attr("seconds")).isEqualTo("131");
            assertThat(o.attr("firstLine")).contains("version[8.14.1]");
        });
    }

    @Test
    void inALogStoreThatKeepsEveryRestartedInstanceTheLastAttemptIsTheOneQuoted() {
        Instant t = ALERT.minusSeconds(1200);
        List<LogLine> lines = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant at = t.plusSeconds(attempt * 360L);
            lines.add(new LogLine(at, "shop-admin-1", "web", false, "Operations to perform:", "loki"));
            lines.add(new LogLine(at, "shop-admin-1", "web", false, "  Apply all migrations: catalog, sessions", "loki"));
            lines.add(new LogLine(at.plusMillis(100), "shop-admin-1", "web", false, "Running migrations:", "loki"));
            lines.add(new LogLine(at.plusSeconds(1), "shop-admin-1", "web", false, "  Applying catalog.0312_reindex_skus...", "loki"));
            lines.add(new LogLine(at.plusSeconds(41), "shop-admin-1", "web", false, "    reindexed 120000 skus", "loki"));
        }

        Observation o = StartupTimeline.observe(lines, "shop/admin").get(0);

        assertThat(o.attr("completed")).isEqualTo("false");
        assertThat(o.at()).as("the third attempt").isBetween(t.plusSeconds(720), t.plusSeconds(721));
        assertThat(o.attr("seconds")).isEqualTo("40.9");
        assertThat(o.attr("step")).isEqualTo("Applying catalog.0312_reindex_skus...");
    }

    @Test
    void aRunningContainersOrdinaryLinesSayNothingAboutStartUp() {
        List<LogLine> lines = List.of(new LogLine(ALERT.minusSeconds(60), "api-1", "api", false, "INFO GET /orders 200 12ms", "kubernetes"));

        assertThat(StartupTimeline.observe(lines, "shop/api")).isEmpty();
    }
}
