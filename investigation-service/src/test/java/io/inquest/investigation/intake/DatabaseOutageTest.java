package io.inquest.investigation.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.inquest.events.EventType;
import io.inquest.events.Topics;
import io.inquest.infra.PostgresServer;
import io.inquest.infra.TopicReader;
import io.inquest.infra.TopicWriter;
import io.inquest.infra.quarkus.InjectInfrastructure;
import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.investigation.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PostgreSQL goes away for longer than any fixed retry budget (the old one gave up after about
 * 75 s, the connector's own stuck-record check after 60 s). Nothing published meanwhile may be
 * lost or dead-lettered: the consumers wait, say so through readiness, and catch up by themselves.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "investigation_test"))
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(90);

    @InjectInfrastructure
    PostgresServer postgres;

    @Test
    void recordsPublishedWhilePostgresIsDownForLongAreAllStoredAfterItReturnsAndNoneIsDeadLettered() {
        List<String> ids = Stream.generate(Requests::newId).limit(3).toList();
        List<Observation> duringOutage = new CopyOnWriteArrayList<>();
        String changeId = "chg-" + Requests.newId().substring(4);
        String changedService = "db-" + ids.get(0);

        postgres.stop();
        try {
            Instant down = Instant.now();
            ids.forEach(id -> Requests.send(id, Requests.alertJson(id, "DiskFull", "db-" + id, Instant.now(), Map.of())));
            Requests.sendRaw(ids.get(0), "{\"investigationId\":\"" + ids.get(0) + "\",\"source\":\"grafana\",\"resolvedAt\":\""
                    + Instant.now() + "\"}", "io.inquest.alert.resolved.v1");
            TopicWriter.send(Requests.bootstrap(), Topics.CHANGE_EVENTS, changedService, """
                    {"changeId":"%s","service":"%s","kind":"deploy","version":"v2","description":"Rolled out v2",
                     "author":"ci","at":"%s","labels":{}}""".formatted(changeId, changedService, Instant.now()),
                    Map.of("ce_specversion", "1.0", "ce_id", changeId, "ce_type", EventType.CHANGE_RECORDED.ceType(),
                            "ce_source", "/inquest/gateway", "content-type", "application/json"));

            // Hold the outage past every old limit, noting what readiness says all along.
            // (Failures on the service's own threads are expected meanwhile; the outcome is checked below.)
            await().dontCatchUncaughtExceptions().atMost(OUTAGE.plusSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                duringOutage.add(new Observation(Duration.between(down, Instant.now()), consumersCheck()));
                return Duration.between(down, Instant.now()).compareTo(OUTAGE) >= 0;
            });
        } finally {
            postgres.start();
        }

        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/investigations/{id}", id)
                    .then().statusCode(200));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                given().when().get("/investigations/" + ids.get(0) + "/events").then().statusCode(200).extract().jsonPath()
                        .getList("type", String.class))
                .as("the resolution published during the outage is in the history").contains("io.inquest.alert.resolved.v1"));

        await().atMost(Duration.ofSeconds(60)).until(() -> given().queryParam("service", changedService).get("/changes")
                .then().statusCode(200).extract().jsonPath().getList("id").contains(changeId));

        Set<String> ours = Set.of(ids.get(0), ids.get(1), ids.get(2), changedService);
        assertThat(Stream.of(Topics.INVESTIGATION_REQUESTS, Topics.CHANGE_EVENTS)
                .flatMap(topic -> TopicReader.readToEnd(Requests.bootstrap(), Topics.deadLetterOf(topic), Duration.ofSeconds(30))
                        .stream())
                .filter(r -> ours.contains(r.key())).map(r -> r.key() + ": " + TopicReader.header(r, "dead-letter-reason")))
                .as("no good record on a dead-letter topic").isEmpty();

        assertThat(duringOutage).filteredOn(o -> o.after().toSeconds() >= 30)
                .as("readiness DOWN from 30 s into the outage to its end").isNotEmpty()
                .allSatisfy(o -> assertThat(o.check().get("status")).isEqualTo("DOWN"));
        assertThat(duringOutage.get(duringOutage.size() - 1).check().get("data"))
                .as("the check names the waiting channel, since when and its error").asString()
                .contains("investigation-requests", "since");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(consumersCheck().get("status"))
                .as("readiness is UP again by itself").isEqualTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    private record Observation(Duration after, Map<String, Object> check) {
    }

    /** The {@code consumers} readiness check, or a {@code MISSING} status when there is none. */
    private static Map<String, Object> consumersCheck() {
        List<Map<String, Object>> checks = given().when().get("/q/health/ready").then().extract().jsonPath().getList("checks");
        return checks.stream().filter(c -> "consumers".equals(c.get("name"))).findFirst().orElse(Map.of("status", "MISSING"));
    }
}
