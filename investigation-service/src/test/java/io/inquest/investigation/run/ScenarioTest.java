package io.inquest.investigation.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.events.EventType;
import io.inquest.events.Topics;
import io.inquest.infra.TopicWriter;
import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.investigation.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The engine deciding from evidence, over the real broker and database. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "investigation_test"))
class ScenarioTest {

    @Test
    void aDeploySevenMinutesBeforeACrashLoopIsTheRootCauseWithHigherValidityThanWithoutIt() {
        Instant start = Instant.parse("2026-11-01T10:00:00Z");
        String withDeploy = "orders-" + Requests.newId();
        String withoutDeploy = "orders-" + Requests.newId();
        recordChange(withDeploy, "2026.11.01-3", start.minus(Duration.ofMinutes(7)));

        JsonPath blamed = investigate(withDeploy, start);
        JsonPath unexplained = investigate(withoutDeploy, start);

        assertThat(blamed.getString("report.rootCauseCategory")).isEqualTo("change");
        assertThat(blamed.getString("report.rootCause")).contains("Deploy of " + withDeploy + " 2026.11.01-3", "7 min before the alert",
                "connection pool size 50 -> 5");
        assertThat(blamed.getList("report.remediationSteps", String.class)).first().asString().startsWith("Roll back");
        assertThat(blamed.getString("report.trigger")).as("the deploy is named as the trigger").contains("Deploy of " + withDeploy);
        assertThat(blamed.getInt("report.stats.toolCallCount")).isEqualTo(3);
        assertThat(unexplained.getString("report.rootCauseCategory")).isEqualTo("unknown");
        assertThat(blamed.getDouble("report.validityScore")).isGreaterThan(unexplained.getDouble("report.validityScore"));
    }

    @Test
    void aChangeToAnotherServiceOrLongBeforeIsNoSuspect() {
        Instant start = Instant.parse("2026-11-02T10:00:00Z");
        String service = "cart-" + Requests.newId();
        recordChange("other-" + service, "1.0", start.minus(Duration.ofMinutes(5)));
        recordChange(service, "0.9", start.minus(Duration.ofHours(5)));

        assertThat(investigate(service, start).getString("report.rootCauseCategory")).isEqualTo("unknown");
    }

    @Test
    void replicationLagWithAnEarlierAlertOnTheSameDatabasePointsAtTheSharedCause() {
        Instant start = Instant.parse("2026-11-03T08:30:00Z");
        String service = "billing-db-" + Requests.newId();
        String upstream = Requests.newId();
        Requests.send(upstream, Requests.alertJson(upstream, "NodeDiskIOSaturation", service, start.minus(Duration.ofMinutes(6)), Map.of()));
        InvestigationLifecycleTest.awaitStatus(upstream, "completed");

        String lag = Requests.newId();
        Requests.send(lag, Requests.alertJson(lag, "PostgresReplicationLag", service, start, Map.of()));
        JsonPath report = InvestigationLifecycleTest.awaitStatus(lag, "completed");

        assertThat(report.getString("report.rootCauseCategory")).as("an earlier node alert on the same database")
                .isEqualTo("infrastructure");
        assertThat(report.getString("report.rootCause")).contains("NodeDiskIOSaturation");
        assertThat(report.getList("report.causalChain", String.class)).last().asString().contains("PostgresReplicationLag");
    }

    @Test
    void withoutEvidenceTheReportSaysInconclusiveWithLowValidity() {
        String id = Requests.newId();
        Requests.send(id, Requests.alertJson(id, "SomethingOdd", "quiet-" + id, Instant.now(), Map.of()));

        JsonPath report = InvestigationLifecycleTest.awaitStatus(id, "completed");
        assertThat(report.getString("report.rootCauseCategory")).isEqualTo("unknown");
        assertThat(report.getString("report.rootCause")).startsWith("Inconclusive");
        assertThat(report.getDouble("report.validityScore")).isLessThanOrEqualTo(0.2);
    }

    private static JsonPath investigate(String service, Instant start) {
        String id = Requests.newId();
        Requests.send(id, Requests.alertJson(id, "KubePodCrashLooping", service, start, Map.of("reason", "Error")));
        return InvestigationLifecycleTest.awaitStatus(id, "completed");
    }

    private static void recordChange(String service, String version, Instant at) {
        String changeId = "chg-" + Requests.newId().substring(4);
        TopicWriter.send(Requests.bootstrap(), Topics.CHANGE_EVENTS, service, """
                {"changeId":"%s","service":"%s","kind":"deploy","version":"%s","description":"Rolled out %s %s (connection pool size 50 -> 5)",
                 "author":"ci-pipeline","at":"%s","link":"https://ci.local/pipelines/1","labels":{}}"""
                .formatted(changeId, service, version, service, version, at),
                Map.of("ce_specversion", "1.0", "ce_id", changeId, "ce_type", EventType.CHANGE_RECORDED.ceType(),
                        "ce_source", "/inquest/gateway", "content-type", "application/json"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("service", service).get("/changes")
                .then().statusCode(200).extract().jsonPath().getList("id").contains(changeId));
    }
}
