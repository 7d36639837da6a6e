package io.inquest.investigation.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.inquest.events.Topics;
import io.inquest.infra.TopicReader;
import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.investigation.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Cancelling a running investigation, over the real broker and database, with a tool slow enough to act during the run. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_control_test"))
@TestProfile(RunControlTest.WithSlowTool.class)
class RunControlTest {

    /** Adds {@link SlowTool}. */
    public static class WithSlowTool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.test.slow-tool", "true");
        }
    }

    @Test
    void aCancelReachesARunningInvestigationAtItsNextStepAndEndsItOnce() {
        String id = Requests.newId();
        Requests.send(id, Requests.alertJson(id, "HighLatency", "search-" + id, Instant.now(), Map.of()));
        InvestigationLifecycleTest.awaitStatus(id, "running");

        given().when().post("/investigations/" + id + "/cancel").then().statusCode(202);

        JsonPath cancelled = InvestigationLifecycleTest.awaitStatus(id, "cancelled");
        assertThat(cancelled.getString("report")).isNull();
        List<ConsumerRecord<String, String>> terminal = TopicReader.readUntil(Requests.bootstrap(), Topics.INVESTIGATION_COMPLETIONS,
                r -> id.equals(r.key()), Duration.ofSeconds(30)).stream().filter(r -> id.equals(r.key())).toList();
        assertThat(terminal).hasSize(1);
        assertThat(TopicReader.header(terminal.get(0), "ce_type")).isEqualTo("io.inquest.investigation.cancelled.v1");
        // It stays cancelled: the slow tool's late answer changes nothing.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> assertThat(
                given().get("/investigations/" + id).then().extract().jsonPath().getString("status")).isEqualTo("cancelled"));
    }

    @Test
    void cancellingTwiceIsAConflictAndAnUnknownIdIs404() {
        String id = Requests.newId();
        Requests.send(id, Requests.alertJson(id, "HighLatency", "search-" + id, Instant.now(), Map.of()));
        InvestigationLifecycleTest.awaitStatus(id, "running");
        given().post("/investigations/" + id + "/cancel").then().statusCode(202);
        InvestigationLifecycleTest.awaitStatus(id, "cancelled");
        given().post("/investigations/" + id + "/cancel").then().statusCode(409);
        given().post("/investigations/" + Requests.newId() + "/cancel").then().statusCode(404);
    }
}
