package io.inquest.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** SMTP_SECURITY=ssl (implicit TLS) against a server whose certificate is trusted through SMTP_TRUSTSTORE. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "database", value = "notification_smtps_test"))
@QuarkusTestResource(value = SmtpResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = SmtpResource.TLS, value = "implicit"))
class SmtpsDeliveryTest {

    @InjectInfrastructure
    MailServer mail;

    @Inject
    ObjectMapper json;

    @Test
    void anRcaIsDeliveredOverImplicitTls() {
        assertThat(mail.implicitTls()).isTrue();
        String id = Completions.newId();
        new Completions(json).completed(id, Completions.alert("TLS", "api"), List.of(), Completions.report("x", 1, 1));

        await().atMost(Duration.ofSeconds(60)).until(() -> mail.received().stream()
                .anyMatch(m -> subjectOf(m).endsWith(id)));
        JsonPath deliveries = given().queryParam("investigationId", id).get("/deliveries").then().statusCode(200).extract().jsonPath();
        assertThat(deliveries.getList("status")).containsOnly("sent");
    }

    @Test
    void smtpVerifyConnectsWithTls() {
        JsonPath check = given().post("/api/smtp/verify").then().statusCode(200).extract().jsonPath();
        assertThat(check.getString("result")).as(check.getString("reason")).isEqualTo("passed");
        assertThat(check.getString("security")).isEqualTo("ssl");
        assertThat(check.getList("steps")).contains("connected (TLS)");
    }

    private static String subjectOf(jakarta.mail.internet.MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
