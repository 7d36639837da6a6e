package io.inquest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.AsyncApiDocument;
import io.inquest.events.EventType;
import io.inquest.events.Topics;
import io.inquest.infra.ServiceProcess;
import io.inquest.infra.TopicReader;
import io.inquest.infra.TopicWriter;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * One alert through the whole system, every part real and in its own process: webhook on the
 * gateway → Kafka → investigation-service and PostgreSQL → Kafka → notification-service → SMTP.
 */
class AlertToEmailIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void genericAlertEndsAsOneCompleteRcaEmailPerRecipient() throws Exception {
        String alert = Files.readString(Stack.fixture("generic.json"))
                .replace("Checkout latency regression", "Checkout latency regression " + System.nanoTime());
        String id = submit(alert);

        JsonNode investigation = awaitInvestigation(id, "completed");
        assertThat(investigation.path("report").path("rootCause").asText()).as("root cause").isNotBlank();
        assertThat(investigation.path("report").path("stats").path("toolCallCount").asInt()).isPositive();

        // DEFAULT_TO from SMTP_DEFAULT_TO plus the alert's notify list (fixtures/generic.json).
        List<MimeMessage> emails = await().atMost(Duration.ofSeconds(60))
                .until(() -> emailsAbout(id), list -> list.size() >= 2);
        assertThat(recipients(emails)).containsExactlyInAnyOrder(Stack.DEFAULT_TO, "oncall@example.com");
        MimeMessage email = emails.get(0);
        assertThat(email.getSubject()).isEqualTo("Inquest RCA complete: " + id);
        assertThat(email.getContentType()).startsWith("multipart/alternative");
        assertThat(part(email, "text/plain")).containsSubsequence("ROOT CAUSE",
                investigation.path("report").path("rootCause").asText(), "TOP ANALYSIS", "WHAT TO DO NEXT",
                "INTERNAL STATS", "Tool calls: " + investigation.path("report").path("stats").path("toolCallCount").asInt(),
                "/investigations/" + id);
        assertThat(part(email, "text/plain")).as("links to the console's page, not the API").doesNotContain("/api/investigations/");
        assertThat(part(email, "text/html")).containsSubsequence(">Root cause<", ">What to do next<",
                "/investigations/" + id + "\"", ">View in console<", ">Internal stats<");

        JsonNode withNotifications = await().atMost(Duration.ofSeconds(30)).until(() -> get(id),
                // The email is on the server before its delivery is recorded as sent: wait for both records.
                body -> body.path("notifications").size() == 2
                        && body.path("notifications").findValuesAsText("status").stream().allMatch("sent"::equals));
        assertThat(withNotifications.path("notifications").findValuesAsText("status")).containsOnly("sent");
    }

    @Test
    void aRecordedDeployBeforeAnAlertmanagerAlertIsNamedAsTheRootCauseInTheEmail() throws Exception {
        HttpResponse<String> change = post("/webhooks/changes", Files.readString(Stack.fixture("change-deploy.json")));
        assertThat(change.statusCode()).as(change.body()).isEqualTo(202);
        String changeId = JSON.readTree(change.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(
                stack.investigation.baseUrl() + "/changes?service=orders-api"))
                .header("Authorization", "Bearer " + Stack.SERVICE_TOKEN).build(), HttpResponse.BodyHandlers.ofString())
                .body().contains(changeId));

        HttpResponse<String> accepted = post("/webhooks/alertmanager", Files.readString(Stack.fixture("alertmanager-v4.json")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).path("investigations").get(0).path("id").asText();

        JsonNode report = awaitInvestigation(id, "completed").path("report");
        assertThat(report.path("rootCauseCategory").asText()).isEqualTo("change");
        assertThat(report.path("rootCause").asText()).contains("orders-api 2026.11.01-3", "8 min before the alert");
        MimeMessage email = await().atMost(Duration.ofSeconds(60)).until(() -> emailsAbout(id), list -> !list.isEmpty()).get(0);
        assertThat(part(email, "text/plain")).containsSubsequence("ROOT CAUSE", "2026.11.01-3", "WHAT TO DO NEXT", "Roll back");
    }

    @Test
    void theInternalServicesRefuseCallsWithoutTheGatewaysServiceToken() throws Exception {
        for (String url : List.of(stack.investigation.baseUrl() + "/investigations", stack.notification.baseUrl() + "/api/subscriptions")) {
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(url + " without the service token").isEqualTo(401);
            HttpResponse<String> withWebhookToken = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + Stack.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withWebhookToken.statusCode()).as(url + " with the gateway's public token").isEqualTo(401);
        }
        for (String url : List.of(stack.investigation.baseUrl(), stack.notification.baseUrl())) {
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as(url + " health").isEqualTo(200);
        }
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway.baseUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + Stack.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSameAlertSentTwiceIsOneInvestigationAndOneEmailPerRecipient() throws Exception {
        String alert = Files.readString(Stack.fixture("generic.json"))
                .replace("Checkout latency regression", "Repeated alert " + System.nanoTime());
        String id = submit(alert);
        awaitInvestigation(id, "completed");
        await().atMost(Duration.ofSeconds(60)).until(() -> emailsAbout(id), list -> list.size() >= 2);

        assertThat(submit(alert)).as("same alert, same investigation id").isEqualTo(id);
        // Once a later alert's emails are out, the repeat has been through every consumer.
        String later = submit(Files.readString(Stack.fixture("generic.json"))
                .replace("Checkout latency regression", "Later alert " + System.nanoTime()));
        awaitInvestigation(later, "completed");
        await().atMost(Duration.ofSeconds(60)).until(() -> emailsAbout(later), list -> list.size() >= 2);

        assertThat(emailsAbout(id)).as("emails for the repeated alert").hasSize(2);
        assertThat(get(id).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void progressStreamsFromQueuedToCompletedAndResumesAfterLastEventId() throws Exception {
        String id = submit(Files.readString(Stack.fixture("generic.json"))
                .replace("Checkout latency regression", "Followed alert " + System.nanoTime()));
        Map<String, String> auth = Map.of("Authorization", "Bearer " + Stack.TOKEN);
        String url = stack.gateway.baseUrl() + "/api/investigations/" + id + "/events";

        Sse.Stream stream = Sse.read(url, auth, Duration.ofSeconds(60));
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        List<String> names = stream.events().stream().map(Sse.Event::name).toList();
        assertThat(names).first().isEqualTo("queued");
        assertThat(names).last().as("the stream ends after the terminal event").isEqualTo("completed");
        assertThat(names).containsSubsequence("stage-started", "tool-called", "stage-completed");
        List<Long> seqs = stream.events().stream().map(e -> Long.parseLong(e.id())).toList();
        assertThat(seqs).as("in history order, each once").isSorted().doesNotHaveDuplicates();

        Sse.Event middle = stream.events().get(stream.events().size() / 2);
        Map<String, String> resume = new java.util.HashMap<>(auth);
        resume.put("Last-Event-ID", middle.id());
        List<Sse.Event> rest = Sse.read(url, resume, Duration.ofSeconds(60)).events();
        assertThat(rest).as("only what came after Last-Event-ID")
                .containsExactlyElementsOf(stream.events().subList(stream.events().size() / 2 + 1, stream.events().size()));
    }

    /**
     * A subscriber that knows only {@code docs/asyncapi.yaml} can read every record on the broker:
     * this test's investigation, whatever the other tests of this class left, and a record sent
     * to a dead-letter topic. Each record's {@code ce_type} is a message of its topic, and its
     * headers, key and data validate against that message's schemas.
     */
    @Test
    void everyRecordOnTheBrokerKeepsTheAsyncApiContract() throws Exception {
        String id = submit(Files.readString(Stack.fixture("generic.json"))
                .replace("Checkout latency regression", "Contract check " + System.nanoTime()));
        awaitInvestigation(id, "completed");
        String poisonKey = "inq-poison-" + System.nanoTime();
        TopicWriter.send(stack.kafka.bootstrapServers(), Topics.INVESTIGATION_REQUESTS, poisonKey, "{}", Map.of(
                "ce_specversion", "1.0", "ce_id", poisonKey, "ce_source", "/e2e", "ce_type", "io.example.unknown.v1"));
        await("notification events and a dead letter").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> keys(Topics.NOTIFICATION_EVENTS).contains(id)
                        && keys(Topics.deadLetterOf(Topics.INVESTIGATION_REQUESTS)).contains(poisonKey));

        AsyncApiDocument contract = AsyncApiDocument.ofThisRepository();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> read = new TreeMap<>();
        Set<String> existing = topicsOnTheBroker();
        for (String topic : contract.channelsByAddress().keySet()) {
            if (!existing.contains(topic)) {
                continue;
            }
            for (ConsumerRecord<String, String> record : TopicReader.readToEnd(stack.kafka.bootstrapServers(), topic,
                    Duration.ofSeconds(30))) {
                if (topic.equals(Topics.INVESTIGATION_REQUESTS) && poisonKey.equals(record.key())) {
                    continue; // written above as a stranger would; only its dead letter is Inquest's
                }
                Map<String, String> headers = new LinkedHashMap<>();
                record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                String where = topic + "@" + record.partition() + ":" + record.offset();
                problems.addAll(contract.problemsWith(topic, record.key(), headers, record.value(), where));
                problems.addAll(keyIsTheDocumentedOne(record, headers, where));
                read.merge(topic + " " + headers.getOrDefault("ce_type", "(dead letter)"), 1, Integer::sum);
            }
        }

        assertThat(problems).as("records that break docs/asyncapi.yaml, of " + read).isEmpty();
        assertThat(read.keySet()).as("what was read").contains(
                Topics.INVESTIGATION_REQUESTS + " " + EventType.INVESTIGATION_REQUESTED.ceType(),
                Topics.INVESTIGATION_PROGRESS + " " + EventType.TOOL_CALLED.ceType(),
                Topics.INVESTIGATION_COMPLETIONS + " " + EventType.INVESTIGATION_COMPLETED.ceType(),
                Topics.NOTIFICATION_EVENTS + " " + EventType.NOTIFICATION_DELIVERED.ceType(),
                Topics.deadLetterOf(Topics.INVESTIGATION_REQUESTS) + " io.example.unknown.v1");
    }

    /** The key the document gives each message: the investigation id, or the service for a change. */
    private static List<String> keyIsTheDocumentedOne(ConsumerRecord<String, String> record, Map<String, String> headers,
            String where) throws IOException {
        if (record.topic().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
            return List.of();
        }
        JsonNode data = JSON.readTree(record.value());
        String expected = EventType.CHANGE_RECORDED.ceType().equals(headers.get("ce_type")) ? data.path("service").asText()
                : data.path("investigationId").asText();
        return expected.equals(record.key()) ? List.of()
                : List.of(where + ": key " + record.key() + " is not the documented " + expected);
    }

    private static Set<String> keys(String topic) {
        return TopicReader.readToEnd(stack.kafka.bootstrapServers(), topic, Duration.ofSeconds(10)).stream()
                .map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private static Set<String> topicsOnTheBroker() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void progressOfAnUnknownInvestigationIsOneErrorEventWithThe404Problem() throws Exception {
        Sse.Stream stream = Sse.read(stack.gateway.baseUrl() + "/api/investigations/inq-000000000000000000000000/events",
                Map.of("Authorization", "Bearer " + Stack.TOKEN), Duration.ofSeconds(30));
        assertThat(stream.events()).hasSize(1);
        assertThat(stream.events().get(0).name()).isEqualTo("error");
        JsonNode problem = JSON.readTree(stream.events().get(0).data());
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("detail").asText()).contains("inq-000000000000000000000000");
    }

    @Test
    void aSubscriptionMadeThroughTheGatewayGetsTheRcasOfItsService() throws Exception {
        String service = "ledger-" + System.nanoTime();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway.baseUrl() + "/api/subscriptions"))
                .header("Authorization", "Bearer " + Stack.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ledger\",\"service\":\"" + service
                        + "\",\"addresses\":[\"ledger-team@example.com\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String id = submit(Files.readString(Stack.fixture("generic.json")).replace("\"checkout\"", "\"" + service + "\""));
        List<MimeMessage> emails = await().atMost(Duration.ofSeconds(60)).until(() -> emailsAbout(id), list -> list.size() >= 3);
        assertThat(recipients(emails)).containsExactlyInAnyOrder(Stack.DEFAULT_TO, "oncall@example.com", "ledger-team@example.com");
    }

    @Test
    void smtpVerifyThroughTheGatewayChecksTheRealServer() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway.baseUrl() + "/api/smtp/verify"))
                .header("Authorization", "Bearer " + Stack.TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("result").asText()).isEqualTo("passed");
    }

    @Test
    void cancellingAFinishedInvestigationIsAConflictThatSaysWhy() throws Exception {
        String id = submit(Files.readString(Stack.fixture("generic.json"))
                .replace("Checkout latency regression", "Cancel late " + System.nanoTime()));
        awaitInvestigation(id, "completed");
        HttpResponse<String> response = post("/api/investigations/" + id + "/cancel", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("already completed");
        assertThat(post("/api/investigations/inq-000000000000000000000000/cancel", "").statusCode()).isEqualTo(404);
    }

    @Test
    void noServiceLogsTheWebhookToken() throws Exception {
        submit(Files.readString(Stack.fixture("generic.json")).replace("Checkout latency regression", "Log check " + System.nanoTime()));
        for (ServiceProcess service : List.of(stack.gateway, stack.investigation, stack.notification)) {
            assertThat(Files.readString(service.log())).as(service.log().toString()).doesNotContain(Stack.TOKEN);
        }
    }

    @Test
    void aWebhookWithoutTheTokenIsRejectedAndStartsNothing() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway.baseUrl() + "/webhooks/generic"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(Stack.fixture("generic.json")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void everyServiceReportsReadinessOfKafkaAndItsDatabase() throws Exception {
        assertThat(readinessChecks(stack.gateway)).anyMatch(name -> name.contains("Reactive Messaging"));
        for (ServiceProcess service : List.of(stack.investigation, stack.notification)) {
            assertThat(readinessChecks(service)).anyMatch(name -> name.contains("Reactive Messaging"))
                    .anyMatch(name -> name.contains("PostgreSQL"));
        }
    }

    @Test
    void everyServiceExposesPrometheusMetrics() throws Exception {
        for (ServiceProcess service : List.of(stack.gateway, stack.investigation, stack.notification)) {
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds");
        }
    }

    private static List<String> readinessChecks(ServiceProcess service) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("checks").findValuesAsText("name");
    }

    private static String submit(String alert) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway.baseUrl() + "/webhooks/generic"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Stack.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(alert)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("investigations").get(0).path("id").asText();
    }

    private static JsonNode awaitInvestigation(String id, String status) {
        return await("investigation " + id + " " + status).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> get(id), body -> status.equals(body.path("status").asText()));
    }

    private static JsonNode get(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway.baseUrl() + "/api/investigations/" + id))
                .header("Authorization", "Bearer " + Stack.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    private static List<MimeMessage> emailsAbout(String id) {
        return stack.mail.received().stream().filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().endsWith(": " + id);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<String> recipients(List<MimeMessage> emails) throws MessagingException {
        List<String> all = new ArrayList<>();
        for (MimeMessage email : emails) {
            for (Address address : email.getAllRecipients()) {
                all.add(address.toString());
            }
        }
        return all;
    }

    private static String part(MimeMessage message, String type) throws MessagingException, IOException {
        MimeMultipart multipart = (MimeMultipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part.getContent().toString().replace("\r\n", "\n");
            }
        }
        throw new AssertionError("no " + type + " part");
    }
}
