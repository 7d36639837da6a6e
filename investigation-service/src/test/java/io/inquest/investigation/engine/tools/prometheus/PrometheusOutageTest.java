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

/** A Prometheus that answers only errors costs the investigation one failed tool call, nothing more. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_prometheus_outage_test"))
@QuarkusTestResource(value = BrokenPrometheus.class, restrictToAnnotatedClass = true)
class PrometheusOutageTest {

    @Test
    void aFailingPrometheusIsAFailedToolCallAndTheInvestigationStillCompletes() {
        String id = Requests.newId();
        Requests.send(id, Requests.alertJson(id, "HighErrorRate", "checkout-" + id, Incidents.CHECKOUT_ALERT, Map.of("namespace", "shop")));

        assertThat(InvestigationLifecycleTest.awaitStatus(id, "completed").getString("status")).isEqualTo("completed");
        List<Map<String, Object>> calls = given().get("/investigations/" + id + "/events").then().extract().jsonPath()
                .getList("findAll { it.type == 'io.inquest.investigation.tool-called.v1' }.data");
        assertThat(calls).anySatisfy(call -> {
            assertThat(call.get("tool")).isEqualTo("prometheus");
            assertThat(call.get("outcome")).isEqualTo("error");
            assertThat(String.valueOf(call.get("summary"))).contains("HTTP 503", "TSDB not ready");
        });
        assertThat(calls).as("the other tools still ran").anySatisfy(call -> assertThat(call.get("outcome")).isEqualTo("ok"));
    }
}
