package io.inquest.investigation.run;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A run that keeps losing its worker (here: a tool that stays silent longer than the lease, so
 * every attempt looks dead and is taken over) is given up after the configured attempts: failed
 * with the reason and one terminal event, never retried for ever.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_rerun_cap_test"))
@TestProfile(RerunCapTest.ShortLease.class)
class RerunCapTest {

    /** The slow tool takes 3 s; the lease is 1 s; two attempts. */
    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.test.slow-tool", "true", "inquest.investigations.lease", "1s",
                    "inquest.investigations.max-attempts", "2", "inquest.investigations.time-limit", "1m",
                    // An expired lease is found by the dispatcher's poll (the safety net): at test speed here.
                    "inquest.investigations.poll-interval", "1s");
        }
    }

    @Test
    void aRunWhoseWorkerKeepsDyingEndsFailedAfterItsAttemptsWithOneTerminalEvent() {
        String id = Requests.newId();
        Requests.send(id, Requests.alertJson(id, "HighLatency", "hangs-" + id, Instant.now(), Map.of()));

        JsonPath failed = InvestigationLifecycleTest.awaitStatus(id, "failed");
        assertThat(failed.getString("reason")).contains("gave up after 2 attempts");
        List<ConsumerRecord<String, String>> terminal = TopicReader.readUntil(Requests.bootstrap(), Topics.INVESTIGATION_COMPLETIONS,
                r -> id.equals(r.key()), Duration.ofSeconds(30)).stream().filter(r -> id.equals(r.key())).toList();
        assertThat(terminal).hasSize(1);
        assertThat(TopicReader.header(terminal.get(0), "ce_type")).isEqualTo("io.inquest.investigation.failed.v1");
        // The terminal event carries the alert and recipients, so the failure is still emailed.
        assertThat(terminal.get(0).value()).contains("gave up after 2 attempts").contains("hangs-" + id);
    }
}
