package io.inquest.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.infra.MailServer;
import io.inquest.infra.quarkus.InjectInfrastructure;
import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.infra.quarkus.SmtpResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The sender is woken by what it has to do, not by its poll: with the poll an hour apart (it runs
 * once at start), a recorded delivery is sent and a retry goes out when it falls due.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "notification_wake_test"))
@QuarkusTestResource(value = SmtpResource.class, restrictToAnnotatedClass = true)
@TestProfile(DeliveryWakeTest.HourlyPoll.class)
class DeliveryWakeTest {

    public static class HourlyPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.delivery.poll-interval", "1h");
        }
    }

    @InjectInfrastructure
    MailServer mail;

    @Inject
    ObjectMapper json;

    @Test
    void aRecordedDeliveryIsSentWithoutWaitingForThePoll() throws Exception {
        String id = Completions.newId();
        new Completions(json).completed(id, Completions.alert("Disk full", "storage"), List.of(), Completions.report("Logs", 1, 1));

        await().atMost(Duration.ofSeconds(60)).until(() -> emailsAbout(id), list -> list.size() == 1);
        assertThat(deliveries(id).getString("[0].status")).isEqualTo("sent");
    }

    @Test
    void aRetryIsSentWhenItFallsDueWithoutWaitingForThePoll() throws Exception {
        String id = Completions.newId();
        mail.stop();
        try {
            new Completions(json).completed(id, Completions.alert("Outage", "api"), List.of(), Completions.report("Outage", 1, 1));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath deliveries = deliveries(id);
                assertThat(deliveries.getString("[0].status")).isEqualTo("retrying");
                assertThat(deliveries.getInt("[0].attempts")).as("retried on its schedule").isGreaterThanOrEqualTo(2);
            });
        } finally {
            mail.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> emailsAbout(id), list -> list.size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(deliveries(id).getString("[0].status")));
    }

    private List<MimeMessage> emailsAbout(String investigationId) {
        return mail.received().stream().filter(m -> subject(m).endsWith(": " + investigationId)).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath deliveries(String investigationId) {
        return given().queryParam("investigationId", investigationId).when().get("/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
