package io.inquest.investigation.engine.tools.prometheus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.investigation.Requests;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.ToolFindings;
import io.inquest.investigation.run.InvestigationLifecycleTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The prometheus tool against a real Prometheus holding six incidents months in the past
 * ({@link Incidents}): what it observes, attribute by attribute, and what an investigation run
 * through the service says it saw.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_prometheus_test"))
@QuarkusTestResource(value = RealPrometheus.class, restrictToAnnotatedClass = true)
class PrometheusToolTest {

    @Inject
    PrometheusTool tool;

    @Test
    void anErrorRatioFromZeroToThirtyPercentIsSeenCrossingSecondsBeforeAFor20sAlert() {
        ToolFindings findings = investigate("HighErrorRate", "checkout", Incidents.CHECKOUT_ALERT,
                Map.of("application", "checkout", "namespace", "shop", "severity", "critical"), Incidents.CHECKOUT_EXPR);

        Observation signal = only(findings, Signal.ALERT_SIGNAL);
        assertThat(signal.attr("threshold")).isEqualTo("0.05");
        assertThat(signal.attr("op")).isEqualTo(">");
        assertThat(Instant.parse(signal.attr("crossedAt"))).as("crossed after the first error, before the alert")
                .isBetween(Incidents.CHECKOUT_ERRORS_START, Incidents.CHECKOUT_ALERT);
        assertThat(signal.attr("firing")).isEqualTo("true");
        assertThat(signal.attr("recoveredAt")).isNull();
        assertThat(signal.attr("baseline")).as("the 5xx series did not exist before").isNull();
        assertThat(signal.attr("absentBefore")).isNotNull();
        assertThat(signal.number("peak")).hasValueSatisfying(p -> assertThat(p).isCloseTo(0.3, within(0.02)));
        assertThat(signal.attr("crossings")).isEqualTo("1");

        Observation errors = metric(findings, "error_ratio");
        assertThat(errors.attr("scope")).isEqualTo("service");
        assertThat(errors.attr("of")).isEqualTo("checkout");
        assertThat(errors.attr("abnormal")).isEqualTo("true");
        assertThat(errors.number("peak")).hasValueSatisfying(p -> assertThat(p).isCloseTo(0.3, within(0.02)));
        assertThat(Instant.parse(errors.attr("changedAt"))).isBetween(Incidents.CHECKOUT_ERRORS_START, Incidents.CHECKOUT_ALERT);
        assertThat(errors.text()).contains("error ratio of checkout", "rose from 0% at 10:02:", "peak 30%");

        Observation payments = findings.observations().stream()
                .filter(o -> "dependency".equals(o.attr("scope")) && "error_ratio".equals(o.attr("metric"))).findFirst().orElseThrow();
        assertThat(payments.attr("of")).isEqualTo("payments");
        assertThat(payments.attr("abnormal")).isEqualTo("true");
        assertThat(payments.number("value")).hasValueSatisfying(v -> assertThat(v).isGreaterThan(0.05));
        assertThat(payments.text()).contains("calls from checkout to payments.shop.svc.cluster.local", "failures began at 10:02:");

        Observation rate = metric(findings, "request_rate");
        assertThat(rate.number("value")).hasValueSatisfying(v -> assertThat(v).isCloseTo(50, within(1.0)));
        assertThat(rate.attr("abnormal")).isEqualTo("false");
        assertThat(findings.observations()).noneMatch(o -> o.signal() == Signal.TRAFFIC_SURGE);
    }

    @Test
    void memoryAtTheLimitIsReportedForTheContainerWithItsLimitAndTheOomKill() {
        ToolFindings findings = investigate("ContainerMemoryNearLimit", "cart", Incidents.CART_ALERT,
                Map.of("namespace", "shop", "pod", Incidents.CART_POD, "container", "cart"), Incidents.CART_EXPR);

        Observation memory = metric(findings, "memory_usage");
        assertThat(memory.attr("pod")).isEqualTo(Incidents.CART_POD);
        assertThat(memory.attr("container")).as("not the pod's cgroup nor the pause container").isEqualTo("cart");
        assertThat(memory.attr("limitBytes")).isEqualTo(String.valueOf(512 * Incidents.MI));
        assertThat(memory.attr("limitQuantity")).isEqualTo("512Mi");
        assertThat(memory.number("ratio")).hasValueSatisfying(r -> assertThat(r).isGreaterThan(0.95).isLessThanOrEqualTo(1));
        assertThat(memory.attr("abnormal")).isEqualTo("true");
        assertThat(memory.text()).contains("container_memory_working_set_bytes of cart", "498Mi", "of its 512Mi limit");

        Observation restarts = metric(findings, "restarts");
        assertThat(restarts.attr("value")).isEqualTo("1");
        assertThat(restarts.attr("reason")).isEqualTo("OOMKilled");
        assertThat(restarts.attr("pod")).isEqualTo(Incidents.CART_POD);
        assertThat(restarts.text()).contains("restarted 1 time(s)", "last terminated reason OOMKilled", "after the alert's start");

        Observation signal = only(findings, Signal.ALERT_SIGNAL);
        assertThat(signal.attr("firing")).as("the kill dropped it under 90 %").isEqualTo("false");
        assertThat(Instant.parse(signal.attr("crossedAt"))).isBefore(Incidents.CART_ALERT);
        assertThat(signal.attr("series")).contains("pod=" + Incidents.CART_POD);
    }

    @Test
    void cpuAtItsLimitAndThrottledWhileTrafficIsUpButNoSurge() {
        ToolFindings findings = investigate("CPUThrottlingHigh", "search", Incidents.SEARCH_ALERT,
                Map.of("namespace", "shop", "pod", Incidents.SEARCH_POD, "container", "search"), Incidents.SEARCH_EXPR);

        Observation cpu = metric(findings, "cpu_usage");
        assertThat(cpu.attr("limit")).isEqualTo("1");
        assertThat(cpu.attr("limitQuantity")).isEqualTo("1");
        assertThat(cpu.number("ratio")).hasValueSatisfying(r -> assertThat(r).isCloseTo(0.98, within(0.03)));
        assertThat(cpu.attr("abnormal")).isEqualTo("true");
        assertThat(Instant.parse(cpu.attr("changedAt"))).isBetween(Incidents.SEARCH_ALERT.minus(Duration.ofMinutes(21)),
                Incidents.SEARCH_ALERT.minus(Duration.ofMinutes(18)));

        Observation throttling = metric(findings, "cpu_throttling");
        assertThat(throttling.number("peak")).hasValueSatisfying(p -> assertThat(p).isCloseTo(0.65, within(0.03)));
        assertThat(throttling.attr("abnormal")).isEqualTo("true");
        assertThat(throttling.text()).contains("throttled in 65% of its CFS periods");

        Observation rate = metric(findings, "request_rate");
        assertThat(rate.attr("baselineWindow")).isEqualTo("the same hour 1 day earlier");
        assertThat(rate.number("ratio")).hasValueSatisfying(r -> assertThat(r).isCloseTo(1.5, within(0.1)));
        assertThat(rate.attr("abnormal")).isEqualTo("false");
        assertThat(rate.text()).contains("not a surge");
        assertThat(findings.observations()).noneMatch(o -> o.signal() == Signal.TRAFFIC_SURGE);
    }

    @Test
    void aRequestRateFiveTimesTheSameHourOfTheDayBeforeIsATrafficSurge() {
        ToolFindings findings = investigate("HighLatency", "catalog", Incidents.CATALOG_ALERT,
                Map.of("job", "catalog", "namespace", "web"), Incidents.CATALOG_EXPR);

        Observation surge = only(findings, Signal.TRAFFIC_SURGE);
        assertThat(surge.attr("of")).isEqualTo("catalog");
        assertThat(surge.number("ratio")).hasValueSatisfying(r -> assertThat(r).isCloseTo(5, within(0.3)));
        assertThat(surge.number("baseline")).hasValueSatisfying(b -> assertThat(b).isCloseTo(40, within(1.0)));
        assertThat(surge.attr("baselineWindow")).isEqualTo("the same hour 1 day earlier");
        assertThat(surge.at()).isBetween(Incidents.CATALOG_SURGE, Incidents.CATALOG_SURGE.plus(Duration.ofMinutes(2)));
        assertThat(surge.text()).contains("traffic surge on catalog", "200 req/s", "min before the alert");

        Observation latency = metric(findings, "latency_p99");
        assertThat(latency.attr("abnormal")).isEqualTo("true");
        assertThat(latency.number("peak")).hasValueSatisfying(p -> assertThat(p).isGreaterThan(1));
        assertThat(latency.attr("query")).contains("histogram_quantile(0.99", "http_request_duration_seconds_bucket");
    }

    @Test
    void postgresConnectionsAtMaxConnectionsOfTheServerTheAlertNames() {
        ToolFindings findings = investigate("PostgresTooManyConnections", "orders-db", Incidents.ORDERS_DB_ALERT,
                Map.of("instance", Incidents.ORDERS_DB_INSTANCE, "job", "postgres-exporter", "namespace", "shop", "service", "orders-db"),
                Incidents.ORDERS_DB_EXPR);

        Observation connections = database(findings, "connections");
        assertThat(connections.attr("of")).isEqualTo("orders-db");
        assertThat(connections.attr("limit")).isEqualTo("100");
        assertThat(connections.attr("peak")).isEqualTo("100");
        assertThat(connections.attr("ratio")).isEqualTo("1");
        assertThat(connections.attr("abnormal")).isEqualTo("true");
        assertThat(connections.attr("selectedBy")).isEqualTo("the alert's labels");
        assertThat(connections.text()).contains("connections to orders-db", "of max_connections 100 (100%)", "5 min before the alert");
        assertThat(findings.observations()).as("billing-db is not what the alert is about")
                .noneMatch(o -> "billing-db".equals(o.attr("of")));

        assertThat(database(findings, "replication_lag").attr("abnormal")).isEqualTo("false");
        assertThat(database(findings, "long_transaction").attr("abnormal")).isEqualTo("false");
        Observation volume = only(findings, Signal.VOLUME_USAGE);
        assertThat(volume.attr("of")).isEqualTo("pvc/shop/data-orders-db-0");
        assertThat(volume.number("ratio")).hasValueSatisfying(r -> assertThat(r).isGreaterThan(0.95));
        assertThat(volume.attr("capacityBytes")).isEqualTo(String.valueOf(20 * 1024 * Incidents.MI));
    }

    @Test
    void aDatabaseTheAlertNamesAsADependencyIsReadByItsName() {
        ToolFindings findings = investigate("HighErrorRate", "orders-api", Incidents.ORDERS_DB_ALERT,
                Map.of("namespace", "shop", "db", "orders-db.shop.svc.cluster.local:5432"), null);

        assertThat(findings.summary()).contains("dependencies orders-db");
        Observation connections = database(findings, "connections");
        assertThat(connections.attr("of")).isEqualTo("orders-db");
        assertThat(connections.attr("selectedBy")).isEqualTo("the service's or a dependency's name");
        assertThat(findings.summary()).contains("no HTTP or container series name orders-api");
    }

    @Test
    void anAlertWhoseSignalWentBackSaysWhenAndIsNoLongerFiring() {
        ToolFindings findings = investigate("HighErrorRate", "inventory", Incidents.INVENTORY_ALERT,
                Map.of("job", "inventory", "namespace", "shop"), Incidents.INVENTORY_EXPR);

        Observation signal = only(findings, Signal.ALERT_SIGNAL);
        assertThat(signal.attr("firing")).isEqualTo("false");
        assertThat(Instant.parse(signal.attr("recoveredAt"))).isBetween(Incidents.INVENTORY_RECOVERED,
                Incidents.INVENTORY_RECOVERED.plus(Duration.ofMinutes(2)));
        assertThat(signal.number("baseline")).hasValueSatisfying(b -> assertThat(b).isCloseTo(0.0002, within(0.0001)));
        assertThat(signal.attr("crossings")).isEqualTo("1");
        assertThat(signal.text()).contains("back under 0.05", "after the alert's start", "stayed so");
    }

    @Test
    void anInvestigationThroughTheServiceSaysWhatPrometheusSaw() {
        String id = Requests.newId();
        String alert = Requests.alertJson(id, "HighErrorRate", "checkout", Incidents.CHECKOUT_ALERT,
                Map.of("application", "checkout", "namespace", "shop"))
                .replace("\"links\":{\"runbook\":\"https://runbooks.local/x\"}",
                        "\"links\":{\"runbook\":\"https://runbooks.local/x\",\"generator\":\""
                                + Alerts.generator(Incidents.CHECKOUT_EXPR).replace("\"", "\\\"") + "\"}");
        Requests.send(id, alert);
        InvestigationLifecycleTest.awaitStatus(id, "completed");

        List<Map<String, Object>> calls = given().get("/investigations/" + id + "/events").then().extract().jsonPath()
                .getList("findAll { it.type == 'io.inquest.investigation.tool-called.v1' }.data");
        assertThat(calls).anySatisfy(call -> {
            assertThat(call.get("tool")).isEqualTo("prometheus");
            assertThat(call.get("outcome")).isEqualTo("ok");
            assertThat((Integer) call.get("evidenceCount")).isGreaterThanOrEqualTo(3);
            assertThat(String.valueOf(call.get("summary"))).contains("crossed > 0.05 at 10:02:", "still firing",
                    "error ratio of checkout", "rose from 0% at 10:02:");
        });
    }

    private ToolFindings investigate(String title, String service, Instant start, Map<String, String> labels, String expr) {
        return tool.investigate(Alerts.subject(title, service, start, labels, expr == null ? null : Alerts.generator(expr)))
                .await().atMost(Duration.ofSeconds(30));
    }

    private static Observation only(ToolFindings findings, Signal signal) {
        List<Observation> found = findings.observations().stream().filter(o -> o.signal() == signal).toList();
        assertThat(found).as("one %s in %s", signal, findings.summary()).hasSize(1);
        return found.get(0);
    }

    private static Observation metric(ToolFindings findings, String metric) {
        List<Observation> found = findings.observations().stream()
                .filter(o -> o.signal() == Signal.METRIC && metric.equals(o.attr("metric")) && "service".equals(o.attr("scope"))).toList();
        assertThat(found).as("one METRIC %s of the service in %s", metric, findings.summary()).hasSize(1);
        return found.get(0);
    }

    private static Observation database(ToolFindings findings, String metric) {
        List<Observation> found = findings.observations().stream()
                .filter(o -> o.signal() == Signal.DATABASE && metric.equals(o.attr("metric"))).toList();
        assertThat(found).as("one DATABASE %s in %s", metric, findings.summary()).hasSize(1);
        return found.get(0);
    }
}
