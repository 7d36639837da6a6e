package io.inquest.investigation.engine.tools.logs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.investigation.Requests;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.SourceSettings;
import io.inquest.investigation.engine.ToolFindings;
import io.inquest.investigation.engine.tools.kubernetes.Cluster;
import io.inquest.investigation.run.InvestigationLifecycleTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** The logs tool with Loki as its only backend (Kubernetes switched off), against a local stand-in for Loki's HTTP API. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_loki_test"))
@QuarkusTestResource(value = RecordedLoki.class, restrictToAnnotatedClass = true)
@TestProfile(LokiLogsToolTest.LokiOnly.class)
class LokiLogsToolTest {

    public static class LokiOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.sources.kubernetes.enabled", "false", "inquest.sources.logs.timeout", "2s");
        }
    }

    @Inject
    LogsTool tool;

    @Inject
    SourceSettings sources;

    @Test
    void lokiLinesAroundTheAlertAreReadOldestFirstAndTheirSignatureNamesTheHost() {
        ToolFindings findings = investigate("checkout");

        Map<String, String> asked = RecordedLoki.QUERIES.get("checkout");
        assertThat(asked.get("query")).startsWith("{namespace=\"shop\", app=\"checkout\"} |~ \"(?i)(error|");
        assertThat(asked).containsEntry("start", "1772616600000000000").containsEntry("end", "1772619000000000000")
                .containsEntry("limit", "5000").containsEntry("direction", "forward");
        Observation dns = findings.observations().stream().filter(o -> o.signal() == Signal.LOG_SIGNATURE).findFirst().orElseThrow();
        assertThat(dns.attributes()).containsEntry("signature", "dns").containsEntry("count", "4").containsEntry("pods", "2")
                .containsEntry("target", "payments.shop.svc.cluster.local").containsEntry("first", "2026-03-04T09:58:00Z")
                .containsEntry("relative", "2 min before the alert").containsEntry("previous", "false")
                .containsEntry("pod", "checkout-7c9d8b6f5-r5s6t");
        assertThat(findings.observations()).filteredOn(o -> o.signal() == Signal.LOG_PATTERN).singleElement()
                .satisfies(o -> assertThat(o.attr("pattern"))
                        .isEqualTo("ERROR payment call failed: dial tcp: lookup payments.shop.svc.cluster.local on <ip>: no such host"));
        assertThat(findings.summary()).contains("4 log line(s) of 2 pod(s)", "from Loki", "dns x4 (payments.shop.svc.cluster.local)");
    }

    @Test
    void aLokiAnsweringGarbageFailsTheCallWithWhatItSaid() {
        assertThatThrownBy(() -> investigate("garbage")).hasMessageContaining("Loki's answer is not JSON: <html><body>Grafana login");
    }

    @Test
    void aLokiSlowerThanTheTimeoutFailsTheCall() {
        assertThatThrownBy(() -> investigate("slow")).hasMessageContaining("Loki at http://127.0.0.1:")
                .hasMessageContaining("timeout");
    }

    @Test
    void aFailingLokiIsAFailedToolCallTheRunCompletesAndTheClusterIsSaidToBeSkipped() {
        String id = Requests.newId();
        Requests.send(id, Requests.alertJson(id, "CheckoutErrors", "broken", Cluster.ALERT_START, Map.of("namespace", "shop")));
        JsonPath run = InvestigationLifecycleTest.awaitStatus(id, "completed");

        JsonPath events = given().get("/investigations/" + id + "/events").then().extract().jsonPath();
        List<Map<String, Object>> calls = events.getList("findAll { it.type == 'io.inquest.investigation.tool-called.v1' }.data");
        assertThat(calls).anySatisfy(call -> {
            assertThat(call.get("tool")).isEqualTo("logs");
            assertThat(call.get("outcome")).isEqualTo("error");
            assertThat(String.valueOf(call.get("summary"))).contains("Loki answered 500: too many outstanding requests");
        });
        assertThat(calls).noneMatch(call -> "kubernetes".equals(call.get("tool")));
        assertThat(events.getString("find { it.type == 'io.inquest.investigation.stage-completed.v1' }.data.summary"))
                .contains("not configured:", "kubernetes (inquest.sources.kubernetes.enabled is false)");
        assertThat(run.getString("status")).isEqualTo("completed");
    }

    private ToolFindings investigate(String app) {
        return tool.investigate(Cluster.subject(sources, app, Map.of("namespace", "shop", "app", app))).await().atMost(Duration.ofSeconds(20));
    }
}
