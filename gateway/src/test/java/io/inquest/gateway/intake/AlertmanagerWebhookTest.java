package io.inquest.gateway.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Topics;
import io.inquest.gateway.Fixtures;
import io.inquest.gateway.Published;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class AlertmanagerWebhookTest {

    @Test
    void fixtureStartsOneInvestigationWithTheAlertsServiceSeverityAndLinks() {
        String fingerprint = unique();
        String id = post(Fixtures.read("alertmanager-v4.json").replace("a1b2c3d4e5f60718", fingerprint), 1).get(0);

        ConsumerRecord<String, String> record = Published.request(id);
        assertThat(Published.header(record, "ce_type")).isEqualTo("io.inquest.investigation.requested.v1");
        assertThat(record.value()).contains("\"source\":\"alertmanager\"", "\"title\":\"HighErrorRate\"",
                "\"service\":\"orders-api\"", "\"severity\":\"critical\"", "\"summary\":\"5xx ratio above 5% on orders-api\"",
                "\"runbook\":\"https://runbooks.local/HighErrorRate\"", "\"generator\":\"http://prometheus.local:9090/graph",
                "\"fingerprint\":\"" + fingerprint + "\"", "\"startsAt\":\"2026-11-01T10:00:00Z\"");
    }

    @Test
    void theSameAlertNotifiedAgainKeepsItsInvestigationId() {
        String body = Fixtures.read("alertmanager-v4.json").replace("a1b2c3d4e5f60718", unique());
        assertThat(post(body, 1)).isEqualTo(post(body, 1));
    }

    @Test
    void onlyFiringAlertsStartInvestigationsAndAResolvedOneIsPublishedOnItsInvestigation() {
        String resolvedFingerprint = unique();
        String firingBefore = payload(List.of(alert("firing", "Resolving", resolvedFingerprint, "\"service\":\"cart\"")));
        String resolvingId = post(firingBefore, 1).get(0);

        String mixed = payload(List.of(
                alert("firing", "A", unique(), "\"service\":\"cart\""),
                alert("resolved", "Resolving", resolvedFingerprint, "\"service\":\"cart\""),
                alert("firing", "B", unique(), "\"service\":\"cart\"")));
        List<String> started = post(mixed, 2);

        assertThat(started).doesNotContain(resolvingId);
        List<ConsumerRecord<String, String>> onResolved = Published.keyedUntil(Topics.INVESTIGATION_REQUESTS, resolvingId,
                r -> Published.header(r, "ce_type").contains("resolved"));
        assertThat(onResolved).extracting(r -> Published.header(r, "ce_type"))
                .contains("io.inquest.investigation.requested.v1", "io.inquest.alert.resolved.v1");
    }

    @Test
    void aNotificationWithOnlyResolvedAlertsStartsNothing() {
        given().contentType(ContentType.JSON).body(payload(List.of(alert("resolved", "Gone", unique(), "\"job\":\"api\""))))
                .when().post("/webhooks/alertmanager")
                .then().statusCode(202).body("investigations", hasSize(0));
    }

    @Test
    void serviceComesFromServiceThenAppThenJobThenContainer() {
        String app = post(payload(List.of(alert("firing", "X", unique(), "\"app\":\"web\",\"job\":\"scrape\""))), 1).get(0);
        String job = post(payload(List.of(alert("firing", "X", unique(), "\"job\":\"scrape\",\"container\":\"c\""))), 1).get(0);
        String container = post(payload(List.of(alert("firing", "X", unique(), "\"container\":\"sidecar\""))), 1).get(0);

        assertThat(Published.request(app).value()).contains("\"service\":\"web\"");
        assertThat(Published.request(job).value()).contains("\"service\":\"scrape\"");
        assertThat(Published.request(container).value()).contains("\"service\":\"sidecar\"");
    }

    @Test
    void unicodeAndAHugeLabelSetArriveIntact() throws Exception {
        String labels = IntStream.range(0, 300).mapToObj(i -> "\"l" + i + "\":\"v" + i + "\"").collect(Collectors.joining(","));
        String id = post(payload(List.of(alert("firing", "Überlast 🚨 東京", unique(), labels + ",\"service\":\"ü-svc\""))), 1).get(0);

        JsonNode alert = new ObjectMapper().readTree(Published.request(id).value()).path("alert");
        assertThat(alert.path("title").asText()).isEqualTo("Überlast 🚨 東京");
        assertThat(alert.path("service").asText()).isEqualTo("ü-svc");
        assertThat(alert.path("labels").size()).isEqualTo(302);
    }

    @Test
    void anAlertWithoutLabelsOrStatusIsRejectedWithItsPathAndNothingIsPublished() {
        String marker = unique();
        String body = payload(List.of(
                alert("firing", marker, unique(), "\"service\":\"ok\""),
                "{\"annotations\":{\"summary\":\"" + marker + "\"},\"startsAt\":\"2026-11-01T10:00:00Z\"}"));

        given().contentType(ContentType.JSON).body(body)
                .when().post("/webhooks/alertmanager")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("alerts[1].labels"))
                .body("errors.field", hasItem("alerts[1].status"));
        Published.nothingWith(marker);
    }

    @Test
    void aNullLabelOrAnnotationValueIsRejectedWithItsPathAndNothingIsPublished() {
        String marker = unique();
        String body = payload(List.of("{\"status\":\"firing\",\"labels\":{\"alertname\":\"" + marker + "\",\"service\":null},"
                + "\"annotations\":{\"summary\":null},\"startsAt\":\"2026-11-01T10:00:00Z\"}"));

        for (String route : List.of("/webhooks/alertmanager", "/webhooks/grafana")) {
            given().contentType(ContentType.JSON).body(body)
                    .when().post(route)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(startsWith("alerts[0].labels")))
                    .body("errors.field", hasItem(startsWith("alerts[0].annotations")));
        }
        Published.nothingWith(marker);
    }

    @Test
    void aThousandAlertsInOneRequestAreTakenAndOneMoreIsRejectedWithNothingPublished() {
        String marker = unique();
        List<String> thousand = IntStream.range(0, 1_000)
                .mapToObj(i -> alert("firing", marker, unique(), "\"service\":\"bulk\"")).toList();
        assertThat(post(payload(thousand), 1_000)).doesNotHaveDuplicates();

        String over = unique();
        List<String> tooMany = IntStream.range(0, 1_001)
                .mapToObj(i -> alert("firing", over, unique(), "\"service\":\"bulk\"")).toList();
        given().contentType(ContentType.JSON).body(payload(tooMany))
                .when().post("/webhooks/alertmanager")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("alerts"))
                .body("errors.message", hasItem("at most 1000 alerts per request"));
        Published.nothingWith(over);
    }

    @Test
    void alertsOfTheWrongTypeNameTheField() {
        given().contentType(ContentType.JSON).body("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":\"none\"}")
                .when().post("/webhooks/alertmanager")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("alerts"));
    }

    @Test
    void truncatedAlertsAreAcceptedAndTheSentOnesInvestigated() {
        String body = payload(List.of(alert("firing", "T", unique(), "\"service\":\"t\""))).replace("\"truncatedAlerts\":0",
                "\"truncatedAlerts\":7");
        post(body, 1);
    }

    private static List<String> post(String body, int expected) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/webhooks/alertmanager")
                .then().statusCode(202).body("investigations", hasSize(expected))
                .extract().jsonPath().getList("investigations.id", String.class);
    }

    static String payload(List<String> alerts) {
        return """
                {"version":"4","groupKey":"{}:{}","truncatedAlerts":0,"status":"firing","receiver":"inquest",
                 "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am.local",
                 "alerts":[%s]}""".formatted(String.join(",", alerts));
    }

    static String alert(String status, String name, String fingerprint, String extraLabels) {
        return """
                {"status":"%s","labels":{"alertname":"%s",%s},"annotations":{"summary":"%s"},
                 "startsAt":"2026-11-01T10:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"%s"}"""
                .formatted(status, name, extraLabels, name, fingerprint);
    }

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
