package io.inquest.investigation.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
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
import io.inquest.investigation.run.InvestigationLifecycleTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The relay publishes only while it holds the outbox lock, the way a second instance of the
 * service would hold it: nothing leaves while another holder has it, and afterwards every
 * event leaves exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_outbox_test"))
class OutboxRelayTest {

    @Test
    void whileAnotherRelayHoldsTheLockNothingIsPublishedThenEveryEventOnce() throws Exception {
        String id = Requests.newId();
        try (Connection otherInstance = DriverManager.getConnection(config("quarkus.datasource.jdbc.url"),
                config("quarkus.datasource.username"), config("quarkus.datasource.password"))) {
            otherInstance.setAutoCommit(false);
            otherInstance.createStatement().execute("select pg_advisory_xact_lock(" + OutboxRelay.LOCK + ")");

            Requests.send(id, Requests.alertJson(id, "HighLatency", "search-" + id, Instant.now(), Map.of()));
            InvestigationLifecycleTest.awaitStatus(id, "completed");
            assertThat(TopicReader.readUntil(Requests.bootstrap(), Topics.INVESTIGATION_PROGRESS, r -> id.equals(r.key()),
                    Duration.ofSeconds(3))).noneMatch(r -> id.equals(r.key()));

            otherInstance.rollback(); // releases the lock, as a relay pass of the other instance ending
        }

        List<ConsumerRecord<String, String>> completions = TopicReader.readUntil(Requests.bootstrap(),
                Topics.INVESTIGATION_COMPLETIONS, r -> id.equals(r.key()), Duration.ofSeconds(30));
        assertThat(completions).filteredOn(r -> id.equals(r.key())).hasSize(1);
        List<String> progressIds = TopicReader.readUntil(Requests.bootstrap(), Topics.INVESTIGATION_PROGRESS, r -> false,
                Duration.ofSeconds(3)).stream().filter(r -> id.equals(r.key())).map(r -> TopicReader.header(r, "ce_id")).toList();
        assertThat(progressIds).isNotEmpty().doesNotHaveDuplicates();
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("");
    }
}
