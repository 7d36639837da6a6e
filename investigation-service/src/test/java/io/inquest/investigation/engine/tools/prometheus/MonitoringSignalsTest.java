package io.inquest.investigation.engine.tools.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.inquest.events.Alert;
import io.inquest.events.Severity;
import io.inquest.infra.PrometheusServer;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Symptom;
import io.inquest.investigation.engine.Target;
import io.inquest.investigation.engine.ToolFindings;
import io.vertx.mutiny.core.Vertx;

/**
 * The tool against a real Prometheus on three incidents of its own, each on its own day: a
 * Grafana alert without PromQL on a queue that fills and drains (its metric is found from the
 * value the alert reports and read as flapping), a storm of "target down" alerts out of a scrape
 * gap of one Prometheus, and a Node.js service whose event loop lags.
 */
class MonitoringSignalsTest {

    private static final Duration SCRAPE = Duration.ofSeconds(15);

    /** invoices: messages ready saw-tooth every 4 min, to ~900 for 30 s, threshold 800. */
    private static final Instant QUEUE_ALERT = Instant.parse("2026-03-03T21:30:00Z");
    /** 5 targets of 3 jobs down from 10:13:45 to 10:14:15; "target down (for 30s)" at 10:14:30. */
    private static final Instant STORM_ALERT = Instant.parse("2026-04-14T10:14:30Z");
    private static final Instant GAP_FROM = Instant.parse("2026-04-14T10:13:45Z");
    private static final Instant GAP_TO = Instant.parse("2026-04-14T10:14:15Z");
    /** quote-engine: event loop lag p99 from 15 ms to 600 ms at 15:40. */
    private static final Instant LAG_ALERT = Instant.parse("2026-05-20T16:00:00Z");

    private static Vertx vertx;
    private static PrometheusServer server;

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        Path data = Files.createTempFile("inquest-monitoring", ".om");
        try {
            OpenMetrics om = new OpenMetrics();
            queue(om);
            storm(om);
            eventLoop(om);
            om.write(data);
            server = PrometheusServer.onFreePort().backfill(data).start();
        } finally {
            Files.deleteIfExists(data);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        vertx.closeAndAwait();
    }

    @Test
    void aGrafanaAlertWithoutPromqlIsReadFromTheMetricNearItsReportedValueAndSeenFlapping() {
        Alert alert = new Alert("grafana", "InvoiceQueueBacklog", "Queue invoices has 912 messages ready (threshold 800)", null,
                Severity.WARNING, "invoice-worker", Map.of("alertname", "InvoiceQueueBacklog", "queue", "invoices", "namespace", "billing",
                        "grafana_folder", "Billing"),
                Map.of("value", "[ var='A' labels={queue=invoices} value=912 ], [ var='C' labels={queue=invoices} value=1 ]"),
                Map.of("generator", "https://grafana.example.net/alerting/grafana/abc123/view"), QUEUE_ALERT, "fp", null);

        ToolFindings findings = investigate(alert);

        Observation signal = only(findings, Signal.ALERT_SIGNAL);
        assertThat(signal.attr("expr")).as("the ready messages, not the unacked ones nor the published counter")
                .contains("rabbitmq_queue_messages_ready", "queue=\"invoices\"").endsWith("> 800");
        assertThat(signal.attr("threshold")).isEqualTo("800");
        assertThat(signal.attr("reported")).isEqualTo("912");
        assertThat(signal.attr("thresholdFrom")).isEqualTo("its summary");
        assertThat(signal.number("crossings")).hasValueSatisfying(c -> assertThat(c).isGreaterThanOrEqualTo(3));
        assertThat(signal.attr("flapping")).isEqualTo("true");
        assertThat(signal.text()).contains("the alert reports 912", "threshold of 800", "flapping");
    }

    @Test
    void targetsOfSeveralJobsDownTogetherForThirtySecondsAreAScrapeGapOfThePrometheusThatScrapedThem() {
        Alert alert = new Alert("alertmanager", "TargetDown", "Target 10.8.1.5:8080 of job ledger-api is down", null, Severity.WARNING,
                "ledger-api", Map.of("alertname", "TargetDown", "instance", "10.8.1.5:8080", "job", "ledger-api", "namespace", "ledger",
                        "prometheus", "monitoring/main"),
                Map.of(), Map.of("generator", "http://prometheus-main-1:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1"), STORM_ALERT, "fp", null);

        ToolFindings findings = investigate(alert);

        Observation gap = only(findings, Signal.SCRAPE_GAP);
        assertThat(gap.attr("targets")).isEqualTo("5");
        assertThat(gap.attr("total")).isEqualTo("6");
        assertThat(gap.attr("jobs")).contains("ledger-api", "node-exporter", "redis-exporter");
        assertThat(gap.attr("recovered")).isEqualTo("true");
        assertThat(gap.attr("alertTarget")).isEqualTo("true");
        assertThat(Instant.parse(gap.attr("from"))).isEqualTo(GAP_FROM);
        assertThat(Instant.parse(gap.attr("to"))).isEqualTo(GAP_TO);
        assertThat(gap.attr("prometheus")).contains("prometheus-main-1:9090", "prometheus=monitoring/main");
        assertThat(gap.attr("dialFailures")).contains("timeout");
        assertThat(gap.number("scrapeDuration")).hasValueSatisfying(d -> assertThat(d).isEqualTo(10.0));
        assertThat(gap.text()).contains("5 of 6 targets failed at once", "all were back");
    }

    @Test
    void anEventLoopLaggingFarAboveItsUsualLevelIsASaturatedRuntimeSignal() {
        Alert alert = new Alert("generic", "quote-engine latency high", null, null, Severity.CRITICAL, "quote-engine",
                Map.of("namespace", "quotes", "service", "quote-engine"), Map.of(), Map.of(), LAG_ALERT, "fp", null);

        ToolFindings findings = investigate(alert);

        Observation lag = findings.observations().stream().filter(o -> "event_loop_lag".equals(o.attr("metric"))).findFirst()
                .orElseThrow(() -> new AssertionError("no event loop lag in " + findings.summary()));
        assertThat(lag.attr("saturated")).isEqualTo("true");
        assertThat(lag.attr("runtime")).isEqualTo("true");
        assertThat(lag.number("peak")).hasValueSatisfying(p -> assertThat(p).isEqualTo(0.6));
        assertThat(lag.text()).contains("event loop lag p99 of quote-engine", "600 ms", "15 ms usually before");
        Observation cpu = findings.observations().stream().filter(o -> "process_cpu".equals(o.attr("metric"))).findFirst().orElseThrow();
        assertThat(cpu.attr("saturated")).as("the process is busy too").isEqualTo("true");
    }

    // --- the incidents ----------------------------------------------------------------------------

    private static void queue(OpenMetrics om) {
        Instant from = QUEUE_ALERT.minus(Duration.ofMinutes(75));
        Instant to = QUEUE_ALERT.plus(Duration.ofMinutes(25));
        Map<String, String> labels = Map.of("queue", "invoices", "vhost", "/", "instance", "rabbitmq-0:15692", "namespace", "mq");
        long start = from.getEpochSecond();
        // A burst every 4 minutes from an hour before the alert: 30 s over 800, then drained.
        om.gauge("rabbitmq_queue_messages_ready", labels, from, to, SCRAPE, t -> {
            long s = t.getEpochSecond() - start;
            boolean bursts = t.isAfter(QUEUE_ALERT.minus(Duration.ofMinutes(40)));
            return bursts && s % 240 < 30 ? 900.0 + s % 240 : 40.0;
        });
        om.gauge("rabbitmq_queue_messages_unacked", labels, from, to, SCRAPE, t -> 5.0);
        om.counter("rabbitmq_queue_messages_published", labels, from, to, SCRAPE, t -> 30.0);
    }

    private static void storm(OpenMetrics om) {
        Instant from = STORM_ALERT.minus(Duration.ofMinutes(75));
        Instant to = STORM_ALERT.plus(Duration.ofMinutes(25));
        List<Map<String, String>> targets = List.of(
                Map.of("instance", "10.8.1.5:8080", "job", "ledger-api", "namespace", "ledger"),
                Map.of("instance", "10.8.2.9:8080", "job", "ledger-api", "namespace", "ledger"),
                Map.of("instance", "10.0.3.11:9100", "job", "node-exporter", "namespace", "monitoring"),
                Map.of("instance", "10.0.3.12:9100", "job", "node-exporter", "namespace", "monitoring"),
                Map.of("instance", "10.8.4.2:9121", "job", "redis-exporter", "namespace", "cache"));
        for (Map<String, String> target : targets) {
            om.gauge("up", target, from, to, SCRAPE, t -> inGap(t) ? 0.0 : 1.0);
            om.gauge("scrape_duration_seconds", target, from, to, SCRAPE, t -> inGap(t) ? 10.0 : 0.04);
        }
        // A target that was scraped fine throughout.
        Map<String, String> kubelet = Map.of("instance", "10.0.3.11:10250", "job", "kubelet", "namespace", "kube-system");
        om.gauge("up", kubelet, from, to, SCRAPE, t -> 1.0);
        om.gauge("scrape_duration_seconds", kubelet, from, to, SCRAPE, t -> 0.2);
        om.counter("net_conntrack_dialer_conn_failed", Map.of("pod", "prometheus-main-1", "instance", "localhost:9090",
                "job", "prometheus", "dialer_name", "kubernetes-pods", "reason", "timeout"), from, to, SCRAPE,
                t -> inGap(t) ? 0.2 : 0.0);
    }

    private static boolean inGap(Instant t) {
        return !t.isBefore(GAP_FROM) && !t.isAfter(GAP_TO);
    }

    private static void eventLoop(OpenMetrics om) {
        Instant from = LAG_ALERT.minus(Duration.ofMinutes(75));
        Instant to = LAG_ALERT.plus(Duration.ofMinutes(25));
        Instant rise = LAG_ALERT.minus(Duration.ofMinutes(20));
        for (String pod : List.of("quote-engine-7f9c8d6b5-abcde", "quote-engine-7f9c8d6b5-fghij")) {
            Map<String, String> labels = Map.of("job", "quote-engine", "namespace", "quotes", "pod", pod);
            om.gauge("nodejs_eventloop_lag_p99_seconds", labels, from, to, SCRAPE, t -> t.isBefore(rise) ? 0.015 : 0.6);
            om.gauge("process_cpu_usage", labels, from, to, SCRAPE, t -> t.isBefore(rise) ? 0.45 : 0.99);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static ToolFindings investigate(Alert alert) {
        Subject subject = new Subject("inq-test", alert, Symptom.classify(List.of(alert.title())), Target.of(alert, Settings.labels()));
        PrometheusTool tool = new PrometheusTool(Settings.with(Map.of("inquest.sources.prometheus.url", server.url())), vertx);
        try {
            return tool.investigate(subject).await().atMost(Duration.ofSeconds(30));
        } finally {
            tool.close();
        }
    }

    private static Observation only(ToolFindings findings, Signal signal) {
        List<Observation> found = findings.observations().stream().filter(o -> o.signal() == signal).toList();
        assertThat(found).as("one %s in %s", signal, findings.summary()).hasSize(1);
        return found.get(0);
    }
}
