package io.inquest.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.inquest.events.Alert;
import io.inquest.events.EventType;
import io.inquest.events.InvestigationCompleted;
import io.inquest.events.RcaReport;
import io.inquest.events.RunStats;
import io.inquest.events.Severity;
import io.inquest.events.Topics;
import io.inquest.events.ValidatedClaim;
import io.inquest.infra.FreePorts;
import io.inquest.infra.KafkaBroker;
import io.inquest.infra.MailServer;
import io.inquest.infra.PostgresServer;
import io.inquest.infra.ServiceProcess;
import jakarta.mail.internet.MimeMessage;

/**
 * Notification throughput and delay: {@code InvestigationCompleted} events written to the real
 * broker as fast as it takes them, the packaged notification-service with its own PostgreSQL,
 * and GreenMail as the SMTP server. Reports emails accepted per second and the delay from
 * event written to mail accepted (p50/p99).
 */
public final class EmailBenchmark {

    private EmailBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int events = options.integer("events", 2_000);
        Path root = Path.of(options.text("root", ".")).toAbsolutePath().normalize();
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        try (KafkaBroker kafka = KafkaBroker.onFreePorts().start();
                PostgresServer postgres = PostgresServer.onFreePort().start();
                MailServer mail = MailServer.smtpOnFreePort().start()) {
            String db = postgres.createDatabase("inquest_notification");
            try (ServiceProcess notification = ServiceProcess.start(root, "notification-service", FreePorts.next(), Map.ofEntries(
                    Map.entry("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()),
                    Map.entry("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(db)),
                    Map.entry("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(db)),
                    Map.entry("SMTP_HOST", "127.0.0.1"),
                    Map.entry("SMTP_PORT", String.valueOf(mail.port())),
                    Map.entry("SMTP_SECURITY", "none"),
                    Map.entry("SMTP_FROM_ADDRESS", "inquest@bench.local"),
                    Map.entry("SMTP_DEFAULT_TO", "oncall@bench.local"),
                    Map.entry("INQUEST_DELIVERY_BATCH", options.text("batch", "20")),
                    Map.entry("QUARKUS_MAILER_MAX_POOL_SIZE", options.text("pool", "10")),
                    // Required to start; nothing here calls its API.
                    Map.entry("INQUEST_SERVICE_TOKEN", "bench-" + Long.toHexString(System.nanoTime()))),
                    root.resolve("bench/target/logs"))) {
                notification.awaitReady(Duration.ofMinutes(2));
                Map<String, Long> written = new ConcurrentHashMap<>();
                Map<String, Long> arrived = new ConcurrentHashMap<>();
                long base = Math.abs(new java.util.Random().nextLong() % 1_000_000_000_000L);
                long began = System.nanoTime();
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
                    for (int i = 0; i < events; i++) {
                        String id = "inq-" + String.format("%024x", base + i);
                        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.INVESTIGATION_COMPLETIONS, id,
                                json.writeValueAsString(completed(id)));
                        record.headers().add("ce_specversion", "1.0".getBytes()).add("ce_id", (id + ":completed").getBytes())
                                .add("ce_type", EventType.INVESTIGATION_COMPLETED.ceType().getBytes())
                                .add("ce_source", "/inquest/bench".getBytes());
                        written.put(id, System.nanoTime());
                        producer.send(record);
                    }
                    producer.flush();
                }
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (arrived.size() < events && System.nanoTime() < deadline) {
                    for (MimeMessage message : mail.received()) {
                        String subject = message.getSubject();
                        arrived.computeIfAbsent(subject.substring(subject.lastIndexOf(' ') + 1), k -> System.nanoTime());
                    }
                    Thread.sleep(25);
                }
                long last = arrived.values().stream().mapToLong(Long::longValue).max().orElse(began);
                Latencies delay = new Latencies(events);
                arrived.forEach((id, at) -> delay.add(at - written.getOrDefault(id, at)));
                System.out.println("## Email delivery (" + Machine.describe() + ")");
                System.out.printf("events=%d, emails received=%d (one recipient each), duplicates by subject=%d%n", events,
                        arrived.size(), mail.received().size() - arrived.size());
                System.out.println("| emails/s | delay p50 ms | delay p99 ms |");
                System.out.println("|---|---|---|");
                System.out.printf("| %.0f | %.0f | %.0f |%n", arrived.size() / ((last - began) / 1e9),
                        delay.percentileMillis(50), delay.percentileMillis(99));
            }
        }
    }

    private static InvestigationCompleted completed(String id) {
        Alert alert = new Alert("bench", "Benchmark alert " + id, "p95 latency doubled", null, Severity.CRITICAL, "bench",
                Map.of("env", "bench"), Map.of(), Map.of(), Instant.now(), null, null);
        RcaReport report = new RcaReport("Deploy of bench 1.2.3 8 min before the alert", "change", 0.6,
                List.of(new ValidatedClaim("a deploy shortly before the symptom", List.of("recent_changes"), "supported")),
                List.of("Roll back bench"), List.of(), new RunStats(3, 3, 0.6, 420));
        return new InvestigationCompleted(id, alert, List.of(), report, Instant.now());
    }

    private static Properties producerConfig(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }
}
