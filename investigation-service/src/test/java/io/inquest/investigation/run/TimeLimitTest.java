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

/** An investigation over its time limit ends failed with the reason, once, never in silence. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_limit_test"))
@TestProfile(TimeLimitTest.OneSecond.class)
class TimeLimitTest {

    /** The slow tool takes 3 s; the limit is 1 s. */
    public static class OneSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.test.slow-tool", "true", "inquest.investigations.time-limit", "1s");
        }
    }

    @Test
    void aRunOverItsTimeLimitEndsFailedWithTheReasonAndOneTerminalEvent() {
        String id = Requests.newId();
        Requests.send(id, Requests.alertJson(id, "HighLatency", "slow-" + id, Instant.now(), Map.of()));

        JsonPath failed = InvestigationLifecycleTest.awaitStatus(id, "failed");
        assertThat(failed.getString("reason")).contains("time limit");
        List<ConsumerRecord<String, String>> terminal = TopicReader.readUntil(Requests.bootstrap(), Topics.INVESTIGATION_COMPLETIONS,
                r -> id.equals(r.key()), Duration.ofSeconds(30)).stream().filter(r -> id.equals(r.key())).toList();
        assertThat(terminal).hasSize(1);
        assertThat(TopicReader.header(terminal.get(0), "ce_type")).isEqualTo("io.inquest.investigation.failed.v1");
        assertThat(terminal.get(0).value()).contains("time limit");
    }
}
