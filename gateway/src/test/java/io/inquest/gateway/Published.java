package io.inquest.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import io.inquest.events.Topics;
import io.inquest.infra.TopicReader;
import io.restassured.http.ContentType;

/** What the gateway put on the real broker, read back by tests. */
public final class Published {

    private Published() {
    }

    /** The records on {@code topic} keyed {@code key}, waiting until at least one arrived. */
    public static List<ConsumerRecord<String, String>> keyed(String topic, String key) {
        List<ConsumerRecord<String, String>> read = TopicReader.readUntil(bootstrap(), topic, r -> key.equals(r.key()),
                Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> matching = read.stream().filter(r -> key.equals(r.key())).toList();
        assertThat(matching).as("records keyed " + key + " on " + topic).isNotEmpty();
        return matching;
    }

    /** The records on {@code topic} keyed {@code key}, read until one of them matches {@code until}. */
    public static List<ConsumerRecord<String, String>> keyedUntil(String topic, String key,
            Predicate<ConsumerRecord<String, String>> until) {
        List<ConsumerRecord<String, String>> read = TopicReader.readUntil(bootstrap(), topic,
                r -> key.equals(r.key()) && until.test(r), Duration.ofSeconds(30));
        return read.stream().filter(r -> key.equals(r.key())).toList();
    }

    public static ConsumerRecord<String, String> request(String investigationId) {
        return keyed(Topics.INVESTIGATION_REQUESTS, investigationId).get(0);
    }

    /**
     * Publishes a valid sentinel after a rejected request and reads up to it: nothing the
     * rejected request carried ({@code marker}) may be on the topic.
     */
    public static void nothingWith(String marker) {
        String sentinel = given().contentType(ContentType.JSON)
                .body("{\"title\":\"sentinel " + UUID.randomUUID() + "\"}").post("/webhooks/generic")
                .then().statusCode(202).extract().path("investigations[0].id");
        List<ConsumerRecord<String, String>> read = TopicReader.readUntil(bootstrap(), Topics.INVESTIGATION_REQUESTS,
                r -> sentinel.equals(r.key()), Duration.ofSeconds(30));
        assertThat(read).as("records up to the sentinel").anyMatch(r -> sentinel.equals(r.key()));
        assertThat(read).noneMatch(r -> r.value().contains(marker));
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        return TopicReader.header(record, name);
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
