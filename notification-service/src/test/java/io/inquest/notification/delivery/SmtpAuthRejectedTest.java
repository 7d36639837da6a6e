package io.inquest.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
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

@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "database", value = "notification_auth_test"))
@QuarkusTestResource(value = SmtpResource.class, restrictToAnnotatedClass = true)
@TestProfile(SmtpAuthRejectedTest.WrongPassword.class)
class SmtpAuthRejectedTest {

    /** The service logs in as inquest with a password the server does not accept. */
    public static class WrongPassword implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("smtp.username", "inquest", "smtp.password", "wrong-password");
        }
    }

    @InjectInfrastructure
    MailServer mail;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void serverRequiresLogin() {
        mail.requireLogin("inquest", "right-password");
    }

    @Test
    void rejectedCredentialsFailTheDeliveryAtOnceWithTheReasonAndNoRetry() {
        String id = Completions.newId();
        new Completions(json).completed(id, Completions.alert("Auth", "api"), List.of(), Completions.report("x", 1, 1));

        JsonPath delivery = await().atMost(Duration.ofSeconds(60)).until(() -> deliveries(id),
                d -> "failed".equals(d.getString("[0].status")));
        assertThat(delivery.getString("[0].lastError")).contains("535");
        assertThat(delivery.getInt("[0].attempts")).as("a permanent failure is not retried").isEqualTo(1);
        assertThat(delivery.getList("[0].history.outcome")).containsExactly("failed");
        assertThat(mail.received()).isEmpty();
    }

    @Test
    void smtpVerifySaysAuthenticationWasRejectedWithoutThePassword() {
        JsonPath check = given().when().post("/api/smtp/verify").then().statusCode(200).extract().jsonPath();
        assertThat(check.getString("result")).isEqualTo("failed");
        assertThat(check.getString("reason")).startsWith("authentication rejected");
        assertThat(check.prettify()).doesNotContain("wrong-password");
    }

    private static JsonPath deliveries(String investigationId) {
        return given().queryParam("investigationId", investigationId).when().get("/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
