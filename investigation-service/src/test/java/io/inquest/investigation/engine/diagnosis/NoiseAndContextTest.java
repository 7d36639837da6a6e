package io.inquest.investigation.engine.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.inquest.events.Alert;
import io.inquest.events.RcaReport;
import io.inquest.events.RunStats;
import io.inquest.events.Severity;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Symptom;
import io.inquest.investigation.engine.Target;

/**
 * Alerts with nothing wrong behind them (flapping, a scrape gap of the monitoring, old restarts
 * during a broker's maintenance, a recovered burst of client aborts), changes to other services
 * as context and as ruled out, and the runtime's saturation cited as the saturated resource.
 * Pure logic, no servers.
 */
class NoiseAndContextTest {

    private static final Instant START = Instant.parse("2026-06-17T19:40:00Z");

    private final Diagnosis diagnosis = new Diagnosis(List.of(new OomKillRule(), new CrashLoopRule(), new ImagePullRule(),
            new ConfigReferenceRule(), new SchedulingRule(), new QuotaRule(), new LivenessProbeRule(), new NodeFailureRule(),
            new StuckRolloutRule(), new DnsFailureRule(), new DependencyFailureRule(), new DatabaseConnectionsRule(),
            new ReplicationLagRule(), new StorageFullRule(), new CpuSaturationRule(), new TrafficSurgeRule(), new HealthyRule(),
            new RelatedAlertsRule(), new ErrorsAfterChangeRule(), new RecentChangeRule()));

    @Test
    void aSignalThatCrossesItsThresholdAgainAndAgainIsFlappingQuotingTheThresholdAndCrossings() {
        RcaReport report = diagnose(incident("InvoiceQueueDepth", "invoice-worker")
                .add(Observation.of("prometheus", Signal.ALERT_SIGNAL, "metric/queue").at(START.minus(Duration.ofMinutes(4)))
                        .attr("expr", "sum by (queue) (rabbitmq_queue_messages_ready{queue=\"invoices\"}) > 800").attr("op", ">")
                        .attr("threshold", "800").attr("crossings", "6").attr("flapping", "true").attr("firing", "false")
                        .attr("recoveredAt", START.plus(Duration.ofMinutes(1)).toString())
                        .text("the alert reports 912 against a threshold of 800; in Prometheus rabbitmq_queue_messages_ready "
                                + "{queue=invoices}: crossed > 800 at 19:36:00Z; it crossed 6 times in the window: flapping")));

        assertThat(report.rootCauseCategory()).isEqualTo("healthy");
        assertThat(report.rootCause()).contains("flapping", "threshold of 800", "6 times", "rabbitmq_queue_messages_ready");
    }

    @Test
    void manyTargetsOfOnePrometheusDownAtOnceAndBackIsAScrapeBlipNotAnOutage() {
        RcaReport report = diagnose(incident("TargetDown", "ledger-api")
                .add(Observation.of("prometheus", Signal.ALERT_SIGNAL, "metric/up == 0").at(START.minusSeconds(75))
                        .attr("expr", "up == 0").attr("op", "==").attr("threshold", "0").attr("crossings", "1").attr("firing", "false")
                        .attr("recoveredAt", START.minusSeconds(30).toString()).text("the alert's signal up: crossed == 0"))
                .add(scrapeGap(true, true))
                .add(Observation.of("related_alerts", Signal.RELATED_ALERTS, "service/ledger-api").at(START.minusSeconds(1))
                        .attr("count", "3").attr("titles", "TargetDown").text("3 other alert(s) on ledger-api within 30 minutes: TargetDown")));

        assertThat(report.rootCauseCategory()).as("not a shared dependency failing").isEqualTo("healthy");
        assertThat(report.rootCause()).contains("scrape", "prometheus-main-1:9090", "14 of 15 targets");
        assertThat(report.remediationSteps()).first().asString().contains("prometheus-main-1:9090");
    }

    @Test
    void aScrapeGapThatHasNotEndedIsNoReasonToCallTheAlertHealthy() {
        RcaReport report = diagnose(incident("TargetDown", "ledger-api")
                .add(Observation.of("prometheus", Signal.ALERT_SIGNAL, "metric/up == 0").at(START.minusSeconds(75))
                        .attr("expr", "up == 0").attr("op", "==").attr("threshold", "0").attr("crossings", "1").attr("firing", "true")
                        .text("the alert's signal up: crossed == 0; still firing"))
                .add(scrapeGap(false, true)));

        assertThat(report.rootCauseCategory()).isNotEqualTo("healthy");
    }

    @Test
    void oldRestartsDuringAMaintenanceOfTheBrokerItsLogsNameAreHealthyAndTheMaintenanceIsQuoted() {
        Instant restart = START.minus(Duration.ofMinutes(150));
        RcaReport report = diagnose(incident("ContainerRestartsHigh", "ledger-api")
                .add(pod("ledger-api-6d5f7c9b8-k2x7p", restart.plusSeconds(40)))
                .add(Observation.of("kubernetes", Signal.CONTAINER_TERMINATED, "pod/ledger/ledger-api-6d5f7c9b8-k2x7p/app")
                        .at(restart).attr("pod", "ledger-api-6d5f7c9b8-k2x7p").attr("container", "app").attr("reason", "Error")
                        .attr("exitCode", "1").attr("state", "last").text("container app last terminated: Error (exit code 1)"))
                .add(Observation.of("logs", Signal.LOG_PATTERN, "logs/ledger-api").at(restart.minusSeconds(20))
                        .attr("pattern", "amqp connection to rabbitmq closed: <*>").attr("count", "4")
                        .attr("sample", "FATAL amqp connection to rabbitmq closed: CONNECTION_FORCED - broker forced connection closure")
                        .text("4 lines: amqp connection to rabbitmq closed"))
                .add(change("rabbitmq", "infrastructure", "3.13.7", restart.minus(Duration.ofMinutes(12)),
                        "RabbitMQ cluster upgrade 3.12.14 -> 3.13.7, nodes restarted one by one"))
                .add(change("web-portal", "deploy", "8.4.0", START.minus(Duration.ofMinutes(35)), "web-portal 8.4.0: new checkout page")));

        assertThat(report.rootCauseCategory()).isEqualTo("healthy");
        assertThat(report.rootCause()).contains("rabbitmq", "RabbitMQ cluster upgrade 3.12.14 -> 3.13.7");
        assertThat(report.trigger()).as("another service's change is never this workload's trigger").isNull();
        assertThat(report.ruledOut()).anySatisfy(line -> assertThat(line)
                .contains("web-portal 8.4.0", "is not the cause", "web-portal 8.4.0: new checkout page"));
    }

    @Test
    void aChangeToAnotherServiceThatNamesTheFailingDependencyIsQuotedVerbatim() {
        RcaReport report = diagnose(incident("OrdersApiErrors", "orders-api")
                .add(Observation.of("logs", Signal.LOG_SIGNATURE, "logs/orders-api").at(START.minus(Duration.ofMinutes(6)))
                        .attr("signature", "dns").attr("count", "212").attr("target", "stock-service.inventory.svc.cluster.local")
                        .attr("sample", "getaddrinfo ENOTFOUND stock-service.inventory.svc.cluster.local")
                        .text("212 log lines: getaddrinfo ENOTFOUND stock-service.inventory.svc.cluster.local"))
                .add(change("inventory-stack", "config", "9f1e2a7", START.minus(Duration.ofMinutes(8)),
                        "helmfile apply inventory-stack: release stock-service uninstalled")));

        assertThat(report.validatedClaims()).anySatisfy(claim -> assertThat(claim.claim())
                .contains("inventory-stack", "release stock-service uninstalled"));
        assertThat(report.trigger()).isNull();
    }

    @Test
    void aRecoveredErrorBurstWhoseLogsShowOnlyClientsAbortingIsHealthy() {
        RcaReport report = diagnose(incident("ReportsApiErrorRatio", "reports-api")
                .add(pod("reports-api-7b8c9d6f5-q2w3e", START.minus(Duration.ofDays(2))))
                .add(Observation.of("prometheus", Signal.ALERT_SIGNAL, "metric/errors").at(START.minusSeconds(90))
                        .attr("expr", "errors / requests > 0.05").attr("op", ">").attr("threshold", "0.05").attr("crossings", "1")
                        .attr("firing", "false").attr("recoveredAt", START.plusSeconds(60).toString())
                        .text("the alert's signal errors / requests: crossed > 0.05 at 19:38:30Z; back under 0.05 at 19:41:00Z "
                                + "and stayed so to 20:00:00Z (0 at the last point read, 20:00:00Z)"))
                .add(Observation.of("logs", Signal.LOG_SIGNATURE, "logs/reports-api").at(START.minusSeconds(100))
                        .attr("signature", "client_abort").attr("count", "4")
                        .attr("sample", "org.eclipse.jetty.io.EofException: Closed while writing the response")
                        .text("4 log lines: org.eclipse.jetty.io.EofException: Closed while writing the response")));

        assertThat(report.rootCauseCategory()).isEqualTo("healthy");
        assertThat(report.rootCause()).contains("Already recovered", "back under 0.05", "clients aborting",
                "EofException: Closed while writing the response");
    }

    @Test
    void aLaggingEventLoopIsNamedAsTheSaturatedResourceOfACpuBoundService() {
        RcaReport report = diagnose(incident("QuoteLatencyHigh", "quote-engine")
                .add(metric("cpu_usage", "0.97", false, "CPU usage of quote-engine peaked at 0.97 cores = 97% of its limit of 1 core"))
                .add(metric("event_loop_lag", "24", true,
                        "event loop lag p99 of quote-engine (nodejs_eventloop_lag_p99_seconds, the worst pod) reached 0.62 s, "
                                + "against 26 ms usually before (24x its usual level): saturated")));

        assertThat(report.rootCauseCategory()).isEqualTo("resource_exhaustion");
        assertThat(report.rootCause()).contains("CPU-saturated", "event loop lag p99", "0.62 s");
    }

    @Test
    void aSaturatedProcessCpuAloneIsEnoughToNameCpuSaturation() {
        RcaReport report = diagnose(incident("LedgerLatencyHigh", "ledger-api")
                .add(metric("process_cpu", "1.4", true, "process CPU usage of ledger-api (process_cpu_usage, the worst pod) reached 98%")));

        assertThat(report.rootCauseCategory()).isEqualTo("resource_exhaustion");
        assertThat(report.rootCause()).contains("process CPU usage", "98%");
    }

    // --- building incidents -----------------------------------------------------------------------

    private RcaReport diagnose(IncidentBuilder builder) {
        return diagnosis.diagnose(builder.build(), new RunStats(5, 5, 0, 10));
    }

    private static IncidentBuilder incident(String title, String service) {
        return new IncidentBuilder(title, service);
    }

    private static final class IncidentBuilder {
        private final String title;
        private final String service;
        private final List<Observation> observations = new ArrayList<>();
        private final Set<String> consulted = new HashSet<>(Set.of("alert_context", "recent_changes", "related_alerts"));

        IncidentBuilder(String title, String service) {
            this.title = title;
            this.service = service;
        }

        IncidentBuilder add(Observation o) {
            consulted.add(o.source());
            observations.add(o.withId(o.source() + "-" + (observations.size() + 1)));
            return this;
        }

        Case build() {
            Alert alert = new Alert("alertmanager", title, null, null, Severity.WARNING, service,
                    Map.of("namespace", "ledger", "service", service), Map.of(), Map.of(), START, "fp", null);
            Subject subject = new Subject("inq-test", alert, Symptom.classify(List.of(title)),
                    new Target("ledger", service, service, null, null, null));
            return new Case(subject, observations, consulted);
        }
    }

    private static Observation scrapeGap(boolean recovered, boolean alertTarget) {
        return Observation.of("prometheus", Signal.SCRAPE_GAP, "prometheus/prometheus-main-1:9090").at(START.minusSeconds(105))
                .attr("prometheus", "prometheus-main-1:9090").attr("targets", "14").attr("total", "15").attr("jobs", "ledger-api, node-exporter")
                .attr("recovered", recovered).attr("alertTarget", alertTarget)
                .text("every scrape by Prometheus prometheus-main-1:9090 of 14 of 15 targets failed at once (up == 0) from 19:38:15Z "
                        + "to 19:38:45Z (45 s)" + (recovered ? "; all were back (up 1) by 19:39:00Z and stayed so" : ""));
    }

    private static Observation pod(String name, Instant readySince) {
        return Observation.of("kubernetes", Signal.POD_STATUS, "pod/ledger/" + name).at(readySince).attr("pod", name)
                .attr("namespace", "ledger").attr("phase", "Running").attr("ready", "true").attr("readySince", readySince.toString())
                .text("pod " + name + " Running, Ready");
    }

    private static Observation change(String service, String kind, String version, Instant at, String description) {
        return Observation.of("recent_changes", Signal.CHANGE, "change/" + service).at(at).attr("service", service).attr("kind", kind)
                .attr("version", version).attr("description", description).attr("scope", "elsewhere")
                .text(kind + " of " + service + " " + version + " at " + at + ": " + description);
    }

    private static Observation metric(String metric, String ratio, boolean runtime, String text) {
        return Observation.of("prometheus", Signal.METRIC, "metric/svc/" + metric).at(START.minus(Duration.ofMinutes(20)))
                .attr("scope", "service").attr("metric", metric).attr("ratio", ratio).attr("runtime", runtime ? "true" : null)
                .attr("saturated", runtime ? "true" : null).attr("abnormal", "true").text(text);
    }
}
