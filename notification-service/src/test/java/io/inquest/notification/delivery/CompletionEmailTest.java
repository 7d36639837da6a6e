package io.inquest.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Topics;
import io.inquest.infra.MailServer;
import io.inquest.infra.TopicReader;
import io.inquest.infra.quarkus.InjectInfrastructure;
import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.infra.quarkus.SmtpResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(value = SmtpResource.class, restrictToAnnotatedClass = true)
class CompletionEmailTest {

    /** {@code smtp.default-to} of the test profile. */
    private static final String DEFAULT_TO = "sre-team@inquest.test";

    @InjectInfrastructure
    MailServer mail;

    @Inject
    ObjectMapper json;

    @Test
    void completedInvestigationEmailsEveryRecipientOnceWithEverySection() throws Exception {
        String id = Completions.newId();
        new Completions(json).completed(id, Completions.alert("Checkout latency <script>alert(1)</script>", "checkout"),
                List.of("Oncall@Example.com", "dev@example.com", "oncall@example.com"),
                Completions.report("Deploy checkout v2.3.1 at 14:02 raised p95 latency", 4, 5));

        List<MimeMessage> emails = awaitEmails(id, 3);
        assertThat(recipients(emails)).containsExactlyInAnyOrder("oncall@example.com", "dev@example.com", DEFAULT_TO);

        MimeMessage email = emails.get(0);
        assertThat(email.getSubject()).isEqualTo("Inquest RCA complete: " + id);
        assertThat(email.getContentType()).startsWith("multipart/alternative");
        String text = part(email, "text/plain");
        assertThat(text).containsSubsequence("ROOT CAUSE", "Deploy checkout v2.3.1 at 14:02 raised p95 latency (deploy)",
                "TOP ANALYSIS", "1. claim 1", "3. claim 3", "WHAT TO DO NEXT", "1. step 1", "3. step 3",
                "INTERNAL STATS", "Duration: 4.2 s", "Tool calls: 3", "Investigation loops: 2", "Validity score: 0.82",
                "http://localhost:8080/investigations/" + id);
        assertThat(text).as("at most three claims and three steps").doesNotContain("claim 4", "step 4");
        String html = part(email, "text/html");
        assertThat(html).containsSubsequence("id=\"root-cause\"", "Findings and evidence</h2>", "What to do next</h2>",
                "id=\"console-button\" href=\"http://localhost:8080/investigations/" + id + "\"", "Internal stats</h2>");
        assertThat(html).as("alert text is escaped in HTML").contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void eachRecipientGetsItsOwnStableMessageId() throws Exception {
        String id = Completions.newId();
        new Completions(json).completed(id, Completions.alert("Queue backlog", "billing"), List.of("a@example.com"),
                Completions.report("Consumer lag on billing", 1, 1));

        List<MimeMessage> emails = awaitEmails(id, 2);
        List<String> messageIds = emails.stream().map(CompletionEmailTest::messageId).toList();
        assertThat(messageIds).doesNotHaveDuplicates().allMatch(m -> m.startsWith("<" + id + ".rca-complete."));
        JsonPath deliveries = deliveries(id);
        assertThat(deliveries.getList("messageId")).containsExactlyInAnyOrderElementsOf(messageIds);

        var delivered = TopicReader.readUntil(Completions.bootstrap(), Topics.NOTIFICATION_EVENTS,
                r -> id.equals(r.key()) && r.value().contains("a@example.com"), Duration.ofSeconds(30)).stream()
                .filter(r -> id.equals(r.key())).toList();
        assertThat(delivered).extracting(r -> TopicReader.header(r, "ce_type")).containsOnly("io.inquest.notification.delivered.v1");
        assertThat(delivered).extracting(r -> r.value()).anyMatch(v -> v.contains("\"messageId\":\"" + messageIds.get(0) + "\"")
                || v.contains("\"messageId\":\"" + messageIds.get(1) + "\""));
    }

    @Test
    void duplicateCompletionEventSendsNoSecondEmail() throws Exception {
        Completions completions = new Completions(json);
        String id = Completions.newId();
        completions.completed(id, Completions.alert("Error rate", "api"), List.of(), Completions.report("Bad deploy", 1, 1));
        awaitEmails(id, 1);

        completions.completed(id, Completions.alert("Error rate", "api"), List.of(), Completions.report("Bad deploy", 1, 1));
        // Records of one key are consumed in order: once the marker's email is out, the duplicate was handled.
        String marker = Completions.newId();
        completions.completed(marker, Completions.alert("Marker", "api"), List.of(), Completions.report("Marker", 1, 1));
        awaitEmails(marker, 1);

        assertThat(emailsAbout(id)).as("one email for the duplicated completion").hasSize(1);
        assertThat(deliveries(id).getList("status")).containsExactly("sent");
        assertThat(deliveries(id).getInt("[0].attempts")).isEqualTo(1);
    }

    @Test
    void smtpServerDownThenUpDeliversOnceAfterRecovery() throws Exception {
        String id = Completions.newId();
        mail.stop();
        try {
            new Completions(json).completed(id, Completions.alert("Outage", "api"), List.of(), Completions.report("Outage", 1, 1));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath deliveries = deliveries(id);
                assertThat(deliveries.getString("[0].status")).isEqualTo("retrying");
                assertThat(deliveries.getInt("[0].attempts")).isGreaterThanOrEqualTo(2);
                assertThat(deliveries.getString("[0].lastError")).isNotBlank();
            });
        } finally {
            mail.start();
        }

        awaitEmails(id, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(deliveries(id).getString("[0].status")));
        assertThat(emailsAbout(id)).as("delivered once after the server came back").hasSize(1);
        List<String> outcomes = deliveries(id).getList("[0].history.outcome");
        assertThat(outcomes).as("every attempt recorded").hasSizeGreaterThanOrEqualTo(3).endsWith("sent");
        assertThat(outcomes.subList(0, outcomes.size() - 1)).containsOnly("retrying");
        assertThat(deliveries(id).getString("[0].lastError")).isNull();
    }

    @Test
    void failedInvestigationSendsTheFailureWithItsReasonAndUnavailableSections() throws Exception {
        String id = Completions.newId();
        new Completions(json).failed(id, List.of(), "time limit of 5m reached in stage investigate");

        MimeMessage email = awaitEmails(id, 1).get(0);
        assertThat(email.getSubject()).isEqualTo("Inquest RCA failed: " + id);
        String text = part(email, "text/plain");
        assertThat(text).contains("Reason: time limit of 5m reached in stage investigate")
                .containsSubsequence("ROOT CAUSE", "Unavailable", "TOP ANALYSIS", "Unavailable", "WHAT TO DO NEXT", "Unavailable",
                        "INTERNAL STATS", "Duration: 5 min 0 s");
        assertThat(deliveries(id).getString("[0].kind")).isEqualTo("rca-failed");
    }

    @Test
    void cancelledInvestigationSendsNothing() throws Exception {
        Completions completions = new Completions(json);
        String id = Completions.newId();
        completions.cancelled(id);
        String marker = Completions.newId();
        completions.completed(marker, Completions.alert("Marker", "api"), List.of(), Completions.report("Marker", 1, 1));
        awaitEmails(marker, 1);

        assertThat(emailsAbout(id)).isEmpty();
        assertThat(deliveries(id).getList("$")).isEmpty();
    }

    @Test
    void unreadableEventGoesToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
        Completions completions = new Completions(json);
        String poison = Completions.newId();
        completions.raw(poison, "{this is not json", "io.inquest.investigation.completed.v1");
        String next = Completions.newId();
        completions.completed(next, Completions.alert("After poison", "api"), List.of(), Completions.report("Next", 1, 1));

        awaitEmails(next, 1);
        var dead = TopicReader.readUntil(Completions.bootstrap(), Topics.deadLetterOf(Topics.INVESTIGATION_COMPLETIONS),
                r -> poison.equals(r.key()), Duration.ofSeconds(30));
        var record = dead.stream().filter(r -> poison.equals(r.key())).findFirst().orElseThrow();
        assertThat(new String(record.headers().lastHeader("dead-letter-reason").value()))
                .contains("not a InvestigationCompleted");
    }

    @Test
    void aMatchingSubscriptionAddsItsAddressesAndANonMatchingOneDoesNot() {
        String service = "payments-" + Completions.newId();
        given().contentType("application/json")
                .body("{\"name\":\"payments critical\",\"service\":\"" + service + "\",\"severities\":[\"critical\"],"
                        + "\"labels\":{\"env\":\"prod\"},\"addresses\":[\"Payments-Team@Example.com\"]}")
                .when().post("/api/subscriptions").then().statusCode(201);
        Completions completions = new Completions(json);
        String matching = Completions.newId();
        completions.completed(matching, Completions.alert("Errors", service), List.of(), Completions.report("x", 1, 1));
        String other = Completions.newId();
        completions.completed(other, Completions.alert("Errors", "checkout"), List.of(), Completions.report("x", 1, 1));

        assertThat(recipients(awaitEmails(matching, 2))).containsExactlyInAnyOrder(DEFAULT_TO, "payments-team@example.com");
        assertThat(recipients(awaitEmails(other, 1))).doesNotContain("payments-team@example.com");
    }

    @Test
    void subscriptionsAreValidatedListedAndRemoved() {
        given().contentType("application/json").body("{\"name\":\"bad\",\"severities\":[\"urgent\"],\"addresses\":[]}")
                .when().post("/api/subscriptions").then().statusCode(400).contentType("application/problem+json");
        int id = given().contentType("application/json").body("{\"name\":\"all\",\"addresses\":[\"x@example.com\"]}")
                .when().post("/api/subscriptions").then().statusCode(201).extract().path("id");
        assertThat(given().when().get("/api/subscriptions").then().statusCode(200).extract().jsonPath().getList("id"))
                .contains(id);
        given().when().delete("/api/subscriptions/" + id).then().statusCode(204);
        given().when().delete("/api/subscriptions/" + id).then().statusCode(404);
    }

    @Test
    void smtpVerifyPassesAgainstTheConfiguredServer() {
        given().when().post("/api/smtp/verify")
                .then().statusCode(200).body("result", org.hamcrest.Matchers.equalTo("passed"))
                .body("steps", org.hamcrest.Matchers.hasItems("EHLO", "NOOP"));
    }

    @Test
    void aTestEmailGoesThroughTheDeliveryPipelineAndItsAttemptIsRecorded() {
        String id = given().contentType("application/json").body("{\"to\":\"tester@example.com\"}")
                .when().post("/api/smtp/test")
                .then().statusCode(202).extract().path("id");

        List<MimeMessage> emails = awaitEmails(id, 1);
        assertThat(recipients(emails)).containsExactly("tester@example.com");
        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(deliveries(id).getString("[0].status")));
        JsonPath deliveries = deliveries(id);
        assertThat(deliveries.getString("[0].kind")).isEqualTo("smtp-test");
        assertThat(deliveries.getList("[0].history.outcome")).containsExactly("sent");
    }

    @Test
    void unknownInvestigationHasNoDeliveriesAndAMalformedIdIsRejected() {
        assertThat(deliveries(Completions.newId()).getList("$")).isEmpty();
        given().queryParam("investigationId", "not an id!").when().get("/deliveries")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private List<MimeMessage> awaitEmails(String investigationId, int count) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> emailsAbout(investigationId), list -> list.size() >= count);
    }

    private List<MimeMessage> emailsAbout(String investigationId) {
        return mail.received().stream().filter(m -> subject(m).endsWith(": " + investigationId)).toList();
    }

    private static JsonPath deliveries(String investigationId) {
        return given().queryParam("investigationId", investigationId).when().get("/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> recipients(List<MimeMessage> emails) {
        return emails.stream().map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getHeader("Message-ID")[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(MimeMessage message, String type) throws MessagingException, IOException {
        MimeMultipart multipart = (MimeMultipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part.getContent().toString().replace("\r\n", "\n");
            }
        }
        throw new AssertionError("no " + type + " part in " + message.getContentType());
    }
}
