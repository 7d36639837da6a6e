package io.inquest.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
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
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The outcome of each email is recorded on its own: when recording one outcome fails (a
 * database trigger refuses it once), only that email is sent again after its claim expires;
 * the others of the same batch are not.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "notification_outcome_test"))
@QuarkusTestResource(value = SmtpResource.class, restrictToAnnotatedClass = true)
@TestProfile(OutcomeRecordingTest.ShortClaim.class)
class OutcomeRecordingTest {

    /** A claimed delivery whose outcome was not recorded comes back after 3 s. */
    public static class ShortClaim implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The poll an hour apart: the claim that ran out is found by its own wake-up, not by the poll.
            return Map.of("inquest.delivery.claim", "3s", "inquest.delivery.poll-interval", "1h");
        }
    }

    @InjectInfrastructure
    MailServer mail;

    @Inject
    ObjectMapper json;

    @Test
    void aFailedRecordOfOneOutcomeResendsOnlyThatEmail() throws Exception {
        String id = Completions.newId();
        try (Connection db = DriverManager.getConnection(config("quarkus.datasource.jdbc.url"),
                config("quarkus.datasource.username"), config("quarkus.datasource.password"))) {
            // Sequences are not transactional: the first refused write is counted even though it rolls back.
            db.createStatement().execute("create sequence if not exists refused_outcomes");
            db.createStatement().execute("""
                    create or replace function refuse_first_outcome_for_b() returns trigger language plpgsql as $$
                    begin
                      if exists (select 1 from delivery d where d.id = new.delivery_id and d.recipient = 'b@example.com'
                                 and d.investigation_id = '%s') and nextval('refused_outcomes') = 1 then
                        raise exception 'injected: the database refused this write';
                      end if;
                      return new;
                    end $$""".formatted(id));
            db.createStatement().execute("create trigger refuse_first_outcome before insert on delivery_attempt"
                    + " for each row execute function refuse_first_outcome_for_b()");
            try {
                new Completions(json).completed(id, Completions.alert("Checkout latency", "checkout"),
                        List.of("a@example.com", "b@example.com", "c@example.com"), Completions.report("Bad deploy", 1, 1));

                // b's outcome was refused once: after the claim expired it was sent again and recorded.
                await().atMost(Duration.ofSeconds(60)).until(() -> emailsTo(id, "b@example.com").size() == 2);
                await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(id).stream().allMatch("sent"::equals));
                assertThat(emailsTo(id, "a@example.com")).as("a's outcome was recorded: never re-sent").hasSize(1);
                assertThat(emailsTo(id, "c@example.com")).as("c's outcome was recorded: never re-sent").hasSize(1);
            } finally {
                db.createStatement().execute("drop trigger if exists refuse_first_outcome on delivery_attempt");
            }
        }
    }

    private List<MimeMessage> emailsTo(String investigationId, String recipient) {
        return mail.received().stream().filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().endsWith(": " + investigationId)
                        && recipient.equals(m.getAllRecipients()[0].toString());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<String> deliveries(String investigationId) {
        return given().queryParam("investigationId", investigationId).when().get("/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("status");
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("");
    }
}
