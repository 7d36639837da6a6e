package io.inquest.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.infra.quarkus.SmtpResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Who gets an RCA is personal data: the service's log at INFO and above says which delivery, never the address. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(value = SmtpResource.class, restrictToAnnotatedClass = true)
class RecipientLoggingTest {

    @Inject
    ObjectMapper json;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                logged.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheLog() {
        Logger.getLogger("io.inquest").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("io.inquest").removeHandler(capture);
    }

    @Test
    void aSentRcaIsLoggedWithoutTheRecipientsAddress() {
        String id = Completions.newId();
        String address = "private.person." + System.nanoTime() + "@example.com";
        new Completions(json).completed(id, Completions.alert("Disk full", "billing-db"), List.of(address),
                Completions.report("The WAL volume filled up", 1, 1));

        await().atMost(Duration.ofSeconds(60)).until(() -> given().queryParam("investigationId", id).get("/deliveries")
                .jsonPath().getList("status").stream().filter("sent"::equals).count() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> logged.stream().filter(line -> line.contains(id) && line.contains("sent"))
                .count() >= 2);

        assertThat(logged).as("INFO and above").noneMatch(line -> line.contains(address))
                .noneMatch(line -> line.contains("sre-team@inquest.test"));
    }
}
