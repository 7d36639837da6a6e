package io.inquest.gateway.deadletter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.inquest.events.Topics;
import io.inquest.gateway.Published;
import io.inquest.infra.TopicReader;
import io.inquest.infra.TopicWriter;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Operators list the dead-letter topics with each record's reason and put chosen records back on
 * their original topic, unchanged but for the {@code dead-letter-*} headers, over the real broker.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class DeadLetterReplayTest {

    private static final String REQUESTS_DLQ = Topics.deadLetterOf(Topics.INVESTIGATION_REQUESTS);

    @Test
    void aDeadLetterIsListedWithItsReasonAndReplayedWithItsOriginalKeyValueAndCloudEventHeaders() {
        String id = newId();
        String value = "{\"investigationId\":\"" + id + "\",\"title\":\"disk full\"}";
        TopicWriter.send(Published.bootstrap(), REQUESTS_DLQ, id, value, deadLetterHeaders(id, "Connection refused"));

        JsonPath listed = listing(REQUESTS_DLQ);
        Map<String, Object> record = recordKeyed(listed, id);
        assertThat(record).containsEntry("topic", REQUESTS_DLQ).containsEntry("ceType", "io.inquest.investigation.requested.v1")
                .containsEntry("ceId", id + ":requested").containsEntry("originalTopic", Topics.INVESTIGATION_REQUESTS)
                .containsEntry("reason", "Connection refused")
                .containsEntry("exceptionClassName", "org.hibernate.reactive.pool.ConnectionException")
                .containsEntry("valuePreview", value).containsEntry("valueTruncated", false);
        assertThat(record.get("timestamp")).as("when it was dead-lettered").isNotNull();

        JsonPath replayed = replay(REQUESTS_DLQ, record.get("partition"), record.get("offset"));
        assertThat(replayed.getString("replayedTo")).isEqualTo(Topics.INVESTIGATION_REQUESTS);
        assertThat(replayed.getList("replayed.key")).containsExactly(id);
        assertThat(replayed.getList("replayed.ceId")).containsExactly(id + ":requested");

        ConsumerRecord<String, String> back = Published.keyed(Topics.INVESTIGATION_REQUESTS, id).get(0);
        assertThat(back.value()).isEqualTo(value);
        assertThat(headerNames(back)).as("the CloudEvents headers, and no dead-letter-* header")
                .containsExactlyInAnyOrder("ce_specversion", "ce_id", "ce_type", "ce_source", "content-type");
        assertThat(Published.header(back, "ce_id")).isEqualTo(id + ":requested");
        assertThat(Published.header(back, "ce_type")).isEqualTo("io.inquest.investigation.requested.v1");
        assertThat(back.offset()).isEqualTo(replayed.getLong("replayed[0].toOffset"));
    }

    /**
     * A replay is a redelivery: doing it twice puts the same event (same key, value and ce_id) on
     * the topic twice, which the consumers deduplicate by event id
     * (investigation-service {@code aRepeatedRequestChangesNothing}, notification-service
     * {@code duplicateCompletionEventSendsNoSecondEmail}).
     */
    @Test
    void replayingARecordTwicePublishesTheSameEventTwice() {
        String id = newId();
        String value = "{\"investigationId\":\"" + id + "\"}";
        TopicWriter.send(Published.bootstrap(), REQUESTS_DLQ, id, value, deadLetterHeaders(id, "timeout"));
        Map<String, Object> record = recordKeyed(listing(REQUESTS_DLQ), id);

        replay(REQUESTS_DLQ, record.get("partition"), record.get("offset"));
        replay(REQUESTS_DLQ, record.get("partition"), record.get("offset"));

        // Each replay answered only after Kafka acknowledged it: both copies are there to read.
        List<ConsumerRecord<String, String>> copies = keyedToEnd(Topics.INVESTIGATION_REQUESTS, id);
        assertThat(copies).as("two copies of the same event").hasSize(2)
                .allSatisfy(copy -> {
                    assertThat(copy.value()).isEqualTo(value);
                    assertThat(Published.header(copy, "ce_id")).isEqualTo(id + ":requested");
                });
        assertThat(headers(copies.get(1))).as("the second copy carries exactly the headers of the first")
                .isEqualTo(headers(copies.get(0)));
        assertThat(listing(REQUESTS_DLQ).getList("topics[0].records.key")).as("the dead letter stays where it was").contains(id);
    }

    @Test
    void allReplaysEveryRecordOfTheTopic() {
        String topic = Topics.deadLetterOf(Topics.CHANGE_EVENTS);
        String service = "payments-" + newId();
        TopicWriter.send(Published.bootstrap(), topic, service, "{\"service\":\"" + service + "\"}",
                Map.of("ce_id", "chg-" + service, "ce_type", "io.inquest.change.recorded.v1",
                        "dead-letter-reason", "boom", "dead-letter-topic", Topics.CHANGE_EVENTS));

        JsonPath replayed = given().contentType(ContentType.JSON).body(Map.of("topic", topic, "all", true))
                .when().post("/api/dead-letters/replay").then().statusCode(200).extract().jsonPath();

        assertThat(replayed.getList("replayed.key")).contains(service);
        assertThat(Published.header(Published.keyed(Topics.CHANGE_EVENTS, service).get(0), "ce_id")).isEqualTo("chg-" + service);
    }

    @Test
    void aLongValueIsShownAsABoundedPreview() {
        String id = newId();
        String value = "{\"investigationId\":\"" + id + "\",\"text\":\"" + "é".repeat(5_000) + "\"}";
        TopicWriter.send(Published.bootstrap(), REQUESTS_DLQ, id, value, deadLetterHeaders(id, "too big"));

        Map<String, Object> record = recordKeyed(listing(REQUESTS_DLQ), id);

        assertThat(record).containsEntry("valueTruncated", true).containsEntry("valueBytes", value.getBytes(StandardCharsets.UTF_8).length);
        assertThat((String) record.get("valuePreview")).startsWith("{\"investigationId\":\"" + id).hasSizeLessThanOrEqualTo(512)
                .doesNotContain("\uFFFD");
    }

    @Test
    void withoutATopicEveryDeadLetterTopicIsListed() {
        List<String> topics = given().queryParam("limit", 1).when().get("/api/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("topics.topic");

        assertThat(topics).containsExactlyElementsOf(Topics.DEAD_LETTER_TOPICS);
    }

    @Test
    void aLimitOutsideItsBoundsIsRejected() {
        given().queryParam("topic", REQUESTS_DLQ).queryParam("limit", 0).when().get("/api/dead-letters")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("between 1 and 1000"));
        given().queryParam("topic", REQUESTS_DLQ).queryParam("limit", 1001).when().get("/api/dead-letters")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void onlyInquestsDeadLetterTopicsMayBeReadOrReplayed() {
        given().queryParam("topic", Topics.INVESTIGATION_REQUESTS).when().get("/api/dead-letters")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not a dead-letter topic")).body("detail", containsString(REQUESTS_DLQ));
        given().contentType(ContentType.JSON).body(Map.of("topic", "__consumer_offsets", "all", true))
                .when().post("/api/dead-letters/replay")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not a dead-letter topic"));
    }

    @Test
    void aReplayOfARecordThatIsNotThereReplaysNothing() {
        String id = newId();
        TopicWriter.send(Published.bootstrap(), REQUESTS_DLQ, id, "{}", deadLetterHeaders(id, "x"));
        Map<String, Object> record = recordKeyed(listing(REQUESTS_DLQ), id);
        long endOffset = ((Number) record.get("offset")).longValue() + 1_000_000;

        given().contentType(ContentType.JSON).body(Map.of("topic", REQUESTS_DLQ, "records", List.of(
                Map.of("partition", record.get("partition"), "offset", record.get("offset")),
                Map.of("partition", record.get("partition"), "offset", endOffset))))
                .when().post("/api/dead-letters/replay")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(record.get("partition") + ":" + endOffset))
                .body("detail", containsString("nothing was replayed"));

        assertThat(keyedToEnd(Topics.INVESTIGATION_REQUESTS, id)).as("the record that is there was not replayed either").isEmpty();
    }

    @Test
    void aReplayMustNameItsRecordsOrAll() {
        given().contentType(ContentType.JSON).body(Map.of("topic", REQUESTS_DLQ))
                .when().post("/api/dead-letters/replay")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("selection"));
    }

    private static JsonPath listing(String topic) {
        return given().queryParam("topic", topic).queryParam("limit", 1000).when().get("/api/dead-letters")
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> recordKeyed(JsonPath listing, String key) {
        List<Map<String, Object>> records = listing.getList("topics[0].records");
        return records.stream().filter(r -> key.equals(r.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no record keyed " + key + " in the listing: " + records));
    }

    private static JsonPath replay(String topic, Object partition, Object offset) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("topic", topic, "records", List.of(Map.of("partition", partition, "offset", offset))))
                .when().post("/api/dead-letters/replay").then().statusCode(200).extract().jsonPath();
    }

    private static List<ConsumerRecord<String, String>> keyedToEnd(String topic, String key) {
        return TopicReader.readToEnd(Published.bootstrap(), topic, Duration.ofSeconds(30)).stream()
                .filter(r -> key.equals(r.key())).toList();
    }

    private static Map<String, String> deadLetterHeaders(String id, String reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", id + ":requested");
        headers.put("ce_type", "io.inquest.investigation.requested.v1");
        headers.put("ce_source", "/inquest/gateway");
        headers.put("content-type", "application/json");
        headers.put("dead-letter-reason", reason);
        headers.put("dead-letter-exception-class-name", "org.hibernate.reactive.pool.ConnectionException");
        headers.put("dead-letter-topic", Topics.INVESTIGATION_REQUESTS);
        headers.put("dead-letter-partition", "0");
        headers.put("dead-letter-offset", "7");
        return headers;
    }

    private static List<String> headerNames(ConsumerRecord<?, ?> record) {
        return StreamSupport.stream(record.headers().spliterator(), false).map(Header::key).toList();
    }

    private static List<String> headers(ConsumerRecord<?, ?> record) {
        return StreamSupport.stream(record.headers().spliterator(), false)
                .map(h -> h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)).toList();
    }

    private static String newId() {
        return "inq-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
