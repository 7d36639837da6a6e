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
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "investigation_test"))
public class InvestigationLifecycleTest {

    @Test
    void requestRunsThroughEveryStageAndPublishesOneCompletionWithCountedStats() {
        String id = Requests.newId();
        Requests.send(id, Requests.alertJson(id, "KubePodCrashLooping", "payments-" + id, Instant.now(), Map.of("reason", "OOMKilled")));

        JsonPath investigation = awaitStatus(id, "completed");
        assertThat(investigation.getString("report.rootCauseCategory")).isEqualTo("resource_exhaustion");
        assertThat(investigation.getString("report.rootCause")).contains("payments-" + id).contains("OOMKilled");
        assertThat(investigation.getInt("report.stats.toolCallCount")).as("alert_context, recent_changes and related_alerts").isEqualTo(3);
        assertThat(investigation.getInt("report.stats.investigationLoopCount")).isEqualTo(3);
        assertThat(investigation.getDouble("report.stats.validityScore")).isEqualTo(investigation.getDouble("report.validityScore"));
        assertThat(investigation.getList("report.remediationSteps")).isNotEmpty();

        List<String> progressTypes = TopicReader.readUntil(Requests.bootstrap(), Topics.INVESTIGATION_PROGRESS,
                r -> id.equals(r.key()) && r.value().contains("\"stage\":\"report\"") && header(r, "ce_type").contains("stage-completed"),
                Duration.ofSeconds(30)).stream().filter(r -> id.equals(r.key())).map(r -> header(r, "ce_type")).toList();
        assertThat(progressTypes).first().isEqualTo("io.inquest.investigation.queued.v1");
        assertThat(progressTypes).filteredOn(t -> t.contains("stage-started")).hasSize(6);
        assertThat(progressTypes).filteredOn(t -> t.contains("tool-called")).hasSize(3);

        List<ConsumerRecord<String, String>> completions = completionsOf(id);
        assertThat(completions).hasSize(1);
        assertThat(header(completions.get(0), "ce_type")).isEqualTo("io.inquest.investigation.completed.v1");
        assertThat(header(completions.get(0), "ce_id")).isEqualTo(id + ":completed");
        assertThat(completions.get(0).value()).contains("\"recipients\":[\"oncall@example.com\"]");
    }

    @Test
    void aRepeatedRequestChangesNothing() {
        String id = Requests.newId();
        String request = Requests.alertJson(id, "HighLatency", "search-" + id, Instant.now(), Map.of());
        Requests.send(id, request);
        awaitStatus(id, "completed");

        Requests.send(id, request);
        // A later request on the same partition order proves the repeat was consumed before we look.
        String later = Requests.newId();
        Requests.send(later, Requests.alertJson(later, "HighLatency", "search-" + later, Instant.now(), Map.of()));
        awaitStatus(later, "completed");

        assertThat(awaitStatus(id, "completed").getInt("attempt")).isEqualTo(1);
        assertThat(completionsOf(id)).hasSize(1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithTheReasonAndTheConsumerGoesOn() {
        String poisonKey = "poison-" + Requests.newId();
        Requests.send(poisonKey, "{ this is not json");
        String good = Requests.newId();
        Requests.send(good, Requests.alertJson(good, "DiskFull", "db-" + good, Instant.now(), Map.of()));

        awaitStatus(good, "completed");
        ConsumerRecord<String, String> dead = TopicReader.readUntil(Requests.bootstrap(),
                Topics.deadLetterOf(Topics.INVESTIGATION_REQUESTS), r -> poisonKey.equals(r.key()), Duration.ofSeconds(30))
                .stream().filter(r -> poisonKey.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("the poison record is not on the dead-letter topic"));
        assertThat(header(dead, "dead-letter-reason")).contains("not an InvestigationRequested");
    }

    @Test
    void aRequestTheDatabaseRejectsAsDataGoesToTheDeadLetterTopicWithItsSqlStateAndTheConsumerGoesOn() {
        String tooLong = Requests.newId();
        Requests.send(tooLong, Requests.alertJson(tooLong, "DiskFull", "s".repeat(300), Instant.now(), Map.of()));
        String good = Requests.newId();
        Requests.send(good, Requests.alertJson(good, "DiskFull", "db-" + good, Instant.now(), Map.of()));

        awaitStatus(good, "completed");
        ConsumerRecord<String, String> dead = TopicReader.readUntil(Requests.bootstrap(),
                Topics.deadLetterOf(Topics.INVESTIGATION_REQUESTS), r -> tooLong.equals(r.key()), Duration.ofSeconds(30))
                .stream().filter(r -> tooLong.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("a service name longer than its column is a permanent data error"));
        assertThat(header(dead, "dead-letter-reason")).contains("SQLState 22001");
    }

    @Test
    void anUnknownInvestigationIs404Problem() {
        given().when().get("/investigations/{id}", Requests.newId())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aResolvedAlertIsRecordedInTheHistoryAndTheRunStillCompletes() {
        String id = Requests.newId();
        Requests.send(id, Requests.alertJson(id, "DiskAlmostFull", "db-" + id, Instant.now(), Map.of()));
        Requests.sendRaw(id, "{\"investigationId\":\"" + id + "\",\"source\":\"grafana\",\"resolvedAt\":\"" + Instant.now() + "\"}",
                "io.inquest.alert.resolved.v1");

        awaitStatus(id, "completed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                given().when().get("/investigations/" + id + "/events").then().statusCode(200).extract().jsonPath()
                        .getList("type", String.class))
                .contains("io.inquest.alert.resolved.v1", "io.inquest.investigation.completed.v1"));
    }

    @Test
    void aCancelTheApiAcceptedEndsTheRunAsCancelledWheneverItArrives() {
        // Cancels land at every point of short runs: during a step, between the last step and
        // completing, or after the end. Whatever the moment, the answer and the outcome agree.
        int accepted = 0;
        for (int i = 0; i < 12; i++) {
            String id = Requests.newId();
            Requests.send(id, Requests.alertJson(id, "HighLatency", "search-" + id, Instant.now(), Map.of()));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() ->
                    List.of("running", "completed").contains(given().get("/investigations/{id}", id).then().extract().path("status")));
            int answer = given().post("/investigations/" + id + "/cancel").then().extract().statusCode();
            assertThat(answer).isIn(202, 409);
            if (answer == 202) {
                accepted++;
                awaitStatus(id, "cancelled");
            } else {
                assertThat(given().get("/investigations/{id}", id).then().extract().path("status").toString()).isEqualTo("completed");
            }
            String outcome = answer == 202 ? "io.inquest.investigation.cancelled.v1" : "io.inquest.investigation.completed.v1";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(completionsOf(id))
                    .extracting(r -> header(r, "ce_type")).containsExactly(outcome));
        }
        assertThat(accepted).as("cancels that reached a running investigation").isPositive();
    }

    public static JsonPath awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(given().get("/investigations/{id}", id).then().extract().path("status").toString())
                        .as("status of " + id).isEqualTo(status));
        return given().get("/investigations/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    static List<ConsumerRecord<String, String>> completionsOf(String id) {
        // Read up to a sentinel-free end: everything for this key that is on the topic within the window.
        return TopicReader.readUntil(Requests.bootstrap(), Topics.INVESTIGATION_COMPLETIONS, r -> false, Duration.ofSeconds(3))
                .stream().filter(r -> id.equals(r.key())).toList();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        String value = TopicReader.header(record, name);
        return value == null ? "" : value;
    }
}
