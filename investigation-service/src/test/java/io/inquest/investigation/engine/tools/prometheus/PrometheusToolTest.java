package io.inquest.investigation.engine.tools.prometheus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.investigation.Requests;
import io.inquest.investigation.run.InvestigationLifecycleTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The Prometheus tool over HTTP against recorded Prometheus answers, inside real investigations. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_prometheus_test"))
@QuarkusTestResource(value = RecordedPrometheus.class, restrictToAnnotatedClass = true)
class PrometheusToolTest {

    private static final String GENERATOR = "http://prometheus.local:9090/graph?g0.expr=job%3Aerror_ratio%3Arate5m+%3E+0.05";

    @Test
    void restartsAndMemoryAtTheLimitStrengthenTheCrashLoopAndTheSignalsChangeIsDated() {
        JsonPath investigation = investigate("crashing-" + Requests.newId());

        assertThat(investigation.getInt("report.stats.toolCallCount")).as("alert_context, prometheus, recent_changes, related_alerts")
                .isEqualTo(4);
        List<String> claims = investigation.getList("report.validatedClaims.claim", String.class);
        assertThat(claims).anyMatch(c -> c.contains("restarted 4 time(s)"));
        assertThat(String.join("\n", claims) + investigation.getString("report.rootCause"))
                .doesNotContain("NaN");
        List<Map<String, Object>> events = given().get("/investigations/" + investigation.getString("id") + "/events")
                .then().extract().jsonPath().getList("findAll { it.type == 'io.inquest.investigation.tool-called.v1' }.data");
        assertThat(events).anySatisfy(tool -> {
            assertThat(tool.get("tool")).isEqualTo("prometheus");
            assertThat(tool.get("outcome")).isEqualTo("ok");
            assertThat(String.valueOf(tool.get("summary"))).contains("memory of crashing-").contains("99% of its limit");
        });
    }

    @Test
    void aFailingPrometheusIsAFailedToolCallAndTheInvestigationStillCompletes() {
        JsonPath investigation = investigate("broken-" + Requests.newId());

        assertThat(investigation.getString("status")).isEqualTo("completed");
        List<Map<String, Object>> events = given().get("/investigations/" + investigation.getString("id") + "/events")
                .then().extract().jsonPath().getList("findAll { it.type == 'io.inquest.investigation.tool-called.v1' }.data");
        assertThat(events).anySatisfy(tool -> {
            assertThat(tool.get("tool")).isEqualTo("prometheus");
            assertThat(tool.get("outcome")).isNotEqualTo("ok");
            assertThat(String.valueOf(tool.get("summary"))).contains("500");
        });
    }

    private static JsonPath investigate(String service) {
        String id = Requests.newId();
        String alert = Requests.alertJson(id, "KubePodCrashLooping", service, RecordedPrometheus.ALERT_START, Map.of("reason", "Error"))
                .replace("\"links\":{\"runbook\":\"https://runbooks.local/x\"}",
                        "\"links\":{\"runbook\":\"https://runbooks.local/x\",\"generator\":\"" + GENERATOR + "\"}");
        Requests.send(id, alert);
        return InvestigationLifecycleTest.awaitStatus(id, "completed");
    }
}
