package io.inquest.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Topics;
import io.inquest.infra.MailServer;
import io.inquest.infra.PostgresServer;
import io.inquest.infra.TopicReader;
import io.inquest.infra.quarkus.InjectInfrastructure;
import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.infra.quarkus.SmtpResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

/**
 * PostgreSQL goes away for longer than any fixed retry budget (the old one gave up after about
 * 75 s, the connector's own stuck-record check after 60 s). Every completion published meanwhile
 * is emailed once it is back, none is dead-lettered, and readiness says what the consumer waits for.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(value = SmtpResource.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(90);

    @InjectInfrastructure
    PostgresServer postgres;

    @InjectInfrastructure
    MailServer mail;

    @Inject
    ObjectMapper json;

    @Test
    void completionsPublishedWhilePostgresIsDownForLongAreAllEmailedAfterItReturnsAndNoneIsDeadLettered() {
        Completions completions = new Completions(json);
        List<String> ids = Stream.generate(Completions::newId).limit(3).toList();
        List<Observation> duringOutage = new CopyOnWriteArrayList<>();

        postgres.stop();
        try {
            Instant down = Instant.now();
            ids.forEach(id -> completions.completed(id, Completions.alert("Outage " + id, "api"), List.of(),
                    Completions.report("Bad deploy", 1, 1)));
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
            await().atMost(Duration.ofSeconds(90)).alias("the email about " + id).until(() -> emailsAbout(id) >= 1);
        }
        assertThat(TopicReader.readToEnd(Completions.bootstrap(), Topics.deadLetterOf(Topics.INVESTIGATION_COMPLETIONS),
                Duration.ofSeconds(30)).stream().filter(r -> ids.contains(r.key()))
                .map(r -> r.key() + ": " + TopicReader.header(r, "dead-letter-reason")))
                .as("no good record on the dead-letter topic").isEmpty();
        assertThat(ids).as("one email per completion").allSatisfy(id -> assertThat(emailsAbout(id)).isEqualTo(1));

        assertThat(duringOutage).filteredOn(o -> o.after().toSeconds() >= 30)
                .as("readiness DOWN from 30 s into the outage to its end").isNotEmpty()
                .allSatisfy(o -> assertThat(o.check().get("status")).isEqualTo("DOWN"));
        assertThat(duringOutage.get(duringOutage.size() - 1).check().get("data"))
                .as("the check names the waiting channel, since when and its error").asString()
                .contains("investigation-completions", "since");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(consumersCheck().get("status"))
                .as("readiness is UP again by itself").isEqualTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    private record Observation(Duration after, Map<String, Object> check) {
    }

    private long emailsAbout(String investigationId) {
        return mail.received().stream().filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().endsWith(": " + investigationId);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    /** The {@code consumers} readiness check, or a {@code MISSING} status when there is none. */
    private static Map<String, Object> consumersCheck() {
        List<Map<String, Object>> checks = given().when().get("/q/health/ready").then().extract().jsonPath().getList("checks");
        return checks.stream().filter(c -> "consumers".equals(c.get("name"))).findFirst().orElse(Map.of("status", "MISSING"));
    }
}
