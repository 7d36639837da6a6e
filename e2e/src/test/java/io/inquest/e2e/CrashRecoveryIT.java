package io.inquest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Topics;
import io.inquest.infra.TopicReader;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The investigation-service killed with {@code kill -9} while a burst of alerts is queued,
 * running and finishing, then started again: every investigation completes, with exactly one
 * terminal event and exactly one email per recipient.
 */
class CrashRecoveryIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ALERTS = 30;
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() throws Exception {
        stack = new Stack();
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aKilledInvestigationServiceFinishesEveryInvestigationOnceAfterRestart() throws Exception {
        String template = Files.readString(Stack.fixture("generic.json"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway.baseUrl() + "/webhooks/generic"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + Stack.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(template.replace("Checkout latency regression",
                            "Crash burst " + i + " " + System.nanoTime()))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            ids.add(JSON.readTree(accepted.body()).path("investigations").get(0).path("id").asText());
        }
        stack.killInvestigationService();
        stack.restartInvestigationService();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> ids.stream()
                .allMatch(id -> "completed".equals(status(id))));

        List<ConsumerRecord<String, String>> terminal = TopicReader.readUntil(stack.kafka.bootstrapServers(),
                Topics.INVESTIGATION_COMPLETIONS, r -> false, Duration.ofSeconds(10));
        Map<String, Long> terminalPerId = terminal.stream().filter(r -> ids.contains(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(terminalPerId).as("one terminal event per investigation").hasSize(ALERTS).allSatisfy((id, n) -> assertThat(n).isOne());

        // Two recipients each: SMTP_DEFAULT_TO and the fixture's notify address.
        await().atMost(Duration.ofMinutes(1)).until(() -> emailsFor(ids).size() == ALERTS * 2);
        Map<String, Long> perRecipient = emailsFor(ids).stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perRecipient).as("exactly one email per investigation and recipient").hasSize(ALERTS * 2)
                .allSatisfy((key, n) -> assertThat(n).isOne());
    }

    private static String status(String id) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway.baseUrl()
                    + "/api/investigations/" + id)).header("Authorization", "Bearer " + Stack.TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("status").asText() : "unknown";
        } catch (Exception e) {
            return "unreachable";
        }
    }

    /** "investigation id → recipient" for every email received about one of {@code ids}. */
    private static List<String> emailsFor(List<String> ids) {
        List<String> keys = new ArrayList<>();
        for (MimeMessage message : stack.mail.received()) {
            try {
                String subject = message.getSubject();
                String id = subject.substring(subject.lastIndexOf(' ') + 1);
                if (ids.contains(id)) {
                    keys.add(id + " → " + message.getAllRecipients()[0]);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }
}
