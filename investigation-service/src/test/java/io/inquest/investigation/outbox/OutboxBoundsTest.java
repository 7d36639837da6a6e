package io.inquest.investigation.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.inquest.events.Topics;
import io.inquest.infra.KafkaBroker;
import io.inquest.infra.TopicReader;
import io.inquest.infra.quarkus.InjectInfrastructure;
import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.investigation.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the broker down, a relay pass gives up within its time limit and lets go of the outbox
 * lock (another instance could take it), the lag shows in the metrics, and once the broker is
 * back the event is published.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_outbox_bounds_test"))
@TestProfile(OutboxBoundsTest.ShortLimit.class)
class OutboxBoundsTest {

    /** A relay pass may wait 3 s for Kafka. */
    public static class ShortLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.outbox.publish-time-limit", "3s");
        }
    }

    @InjectInfrastructure
    KafkaBroker broker;

    @Test
    void withTheBrokerDownTheRelayLetsGoOfTheLockShowsItsLagAndPublishesOnceTheBrokerIsBack() throws Exception {
        String id = Requests.newId();
        String eventId = id + ":probe";
        broker.stop();
        try (Connection db = DriverManager.getConnection(config("quarkus.datasource.jdbc.url"),
                config("quarkus.datasource.username"), config("quarkus.datasource.password"))) {
            insertUnpublishedEvent(db, id, eventId);

            // The relay is trying: it holds the lock ...
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> !tryLock(db));
            // ... and lets go of it within its time limit, though the broker is still down.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> tryLock(db));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(metric("inquest_outbox_pending_events")).isGreaterThanOrEqualTo(1);
                assertThat(metric("inquest_outbox_lag_seconds")).isGreaterThan(0);
            });
        } finally {
            broker.start();
        }

        List<ConsumerRecord<String, String>> published = TopicReader.readUntil(Requests.bootstrap(), Topics.INVESTIGATION_PROGRESS,
                r -> id.equals(r.key()), Duration.ofSeconds(60)).stream().filter(r -> id.equals(r.key())).toList();
        assertThat(published).isNotEmpty().allMatch(r -> eventId.equals(TopicReader.header(r, "ce_id")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(metric("inquest_outbox_lag_seconds")).isZero());
    }

    private static void insertUnpublishedEvent(Connection db, String id, String eventId) throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement investigation = db.prepareStatement("""
                insert into investigation (id, status, source, title, severity, alert_starts_at, alert_json, recipients_json, created_at)
                values (?, 'completed', 'generic', 'probe', 'warning', ?, '{}', '[]', ?)""")) {
            investigation.setString(1, id);
            investigation.setTimestamp(2, now);
            investigation.setTimestamp(3, now);
            investigation.executeUpdate();
        }
        try (PreparedStatement event = db.prepareStatement("""
                insert into investigation_event (event_id, investigation_id, topic, ce_type, payload, created_at)
                values (?, ?, ?, 'io.inquest.investigation.stage-started.v1', ?, ?)""")) {
            event.setString(1, eventId);
            event.setString(2, id);
            event.setString(3, Topics.INVESTIGATION_PROGRESS);
            event.setString(4, "{\"investigationId\":\"" + id + "\"}");
            event.setTimestamp(5, now);
            event.executeUpdate();
        }
    }

    /** Whether the outbox lock is free right now (taken and released at once, as another relay would). */
    private static boolean tryLock(Connection db) throws Exception {
        db.setAutoCommit(false);
        try (ResultSet locked = db.createStatement().executeQuery("select pg_try_advisory_xact_lock(" + OutboxRelay.LOCK + ")")) {
            locked.next();
            return locked.getBoolean(1);
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
    }

    private static double metric(String name) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(body);
        assertThat(value.find()).as(name + " in /q/metrics").isTrue();
        return Double.parseDouble(value.group(1));
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("");
    }
}
