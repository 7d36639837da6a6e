package io.inquest.investigation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
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

/**
 * The time limit may run out while a checkpoint's transaction is in flight (a slow database, a
 * loaded machine). The run must still end {@code failed} by its own attempt, with one terminal
 * event, instead of abandoning the run to the lease-expiry path.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_limit_checkpoint_test"))
@TestProfile(TimeLimitDuringCheckpointTest.OneSecondLongLease.class)
class TimeLimitDuringCheckpointTest {

    /** A 1 s limit, and a lease long enough that only the run itself can end the investigation in time. */
    public static class OneSecondLongLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.investigations.time-limit", "1s", "inquest.investigations.lease", "10m");
        }
    }

    @Test
    void aTimeLimitThatRunsOutDuringACheckpointEndsTheRunFailedByItsOwnAttempt() throws Exception {
        String id = Requests.newId();
        try (Connection db = DriverManager.getConnection(config("quarkus.datasource.jdbc.url"),
                config("quarkus.datasource.username"), config("quarkus.datasource.password"))) {
            db.createStatement().execute("""
                    create or replace function slow_first_checkpoint() returns trigger language plpgsql as $$
                    begin
                      if new.event_id like '%s:1:stage-started:%%' then
                        perform pg_sleep(3);
                      end if;
                      return new;
                    end $$""".formatted(id));
            db.createStatement().execute("create trigger slow_first_checkpoint before insert on investigation_event"
                    + " for each row execute function slow_first_checkpoint()");
            try {
                Requests.send(id, Requests.alertJson(id, "HighLatency", "checkout-" + id, Instant.now(), Map.of()));

                await().atMost(Duration.ofSeconds(45)).until(() -> finished(row(db, id, "status")));
                assertThat(row(db, id, "status")).isEqualTo("failed");
                assertThat(row(db, id, "outcome_reason")).contains("time limit");
                assertThat(row(db, id, "attempt")).as("ended by the attempt that ran out of time, not resumed").isEqualTo("1");
            } finally {
                db.createStatement().execute("drop trigger if exists slow_first_checkpoint on investigation_event");
            }
        }
        List<ConsumerRecord<String, String>> terminal = TopicReader.readUntil(Requests.bootstrap(), Topics.INVESTIGATION_COMPLETIONS,
                r -> id.equals(r.key()), Duration.ofSeconds(30)).stream().filter(r -> id.equals(r.key())).toList();
        assertThat(terminal).as("one terminal event").hasSize(1);
        assertThat(TopicReader.header(terminal.get(0), "ce_type")).isEqualTo("io.inquest.investigation.failed.v1");
    }

    private static boolean finished(String status) {
        return status != null && !"queued".equals(status) && !"running".equals(status);
    }

    private static String row(Connection db, String id, String column) throws Exception {
        try (var query = db.prepareStatement("select " + column + " from investigation where id = ?")) {
            query.setString(1, id);
            try (ResultSet found = query.executeQuery()) {
                return found.next() ? found.getString(1) : null;
            }
        }
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("");
    }
}
