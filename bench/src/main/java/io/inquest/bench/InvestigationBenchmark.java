package io.inquest.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.inquest.events.Alert;
import io.inquest.events.EventType;
import io.inquest.events.InvestigationRequested;
import io.inquest.events.Severity;
import io.inquest.events.Topics;
import io.inquest.infra.FreePorts;
import io.inquest.infra.KafkaBroker;
import io.inquest.infra.PostgresServer;
import io.inquest.infra.ServiceProcess;

/**
 * Investigations through the packaged investigation-service with local sources only (alert
 * context, recorded changes, related alerts; no Prometheus): requests written to the real broker
 * at once, completions read back. Reports investigations per second and the time from request
 * written to completion published (Kafka record timestamps, one clock), p50/p99.
 */
public final class InvestigationBenchmark {

    private InvestigationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int requests = options.integer("requests", 1_000);
        Path root = Path.of(options.text("root", ".")).toAbsolutePath().normalize();
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        try (KafkaBroker kafka = KafkaBroker.onFreePorts().start();
                PostgresServer postgres = PostgresServer.onFreePort().start()) {
            String db = postgres.createDatabase("inquest_investigation");
            try (ServiceProcess service = ServiceProcess.start(root, "investigation-service", FreePorts.next(), Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(db),
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(db),
                    "INQUEST_INVESTIGATIONS_CONCURRENCY", options.text("concurrency", "4"),
                    // Required to start; nothing here calls its API.
                    "INQUEST_SERVICE_TOKEN", "bench-" + Long.toHexString(System.nanoTime())), root.resolve("bench/target/logs"))) {
                service.awaitReady(Duration.ofMinutes(2));
                Map<String, Long> written = new HashMap<>();
                long base = Math.abs(new Random().nextLong() % 1_000_000_000_000L);
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
                    for (int i = 0; i < requests; i++) {
                        String id = "inq-" + String.format("%024x", base + i);
                        Alert alert = new Alert("bench", "HighLatency " + i, "p95 latency doubled", null, Severity.WARNING,
                                "svc-" + (i % 50), Map.of(), Map.of(), Map.of(), Instant.now(), null, null);
                        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.INVESTIGATION_REQUESTS, id,
                                json.writeValueAsString(new InvestigationRequested(id, alert, List.of(), Instant.now())));
                        record.headers().add("ce_specversion", "1.0".getBytes()).add("ce_id", (id + ":requested").getBytes())
                                .add("ce_type", EventType.INVESTIGATION_REQUESTED.ceType().getBytes())
                                .add("ce_source", "/inquest/bench".getBytes());
                        written.put(id, producer.send(record).get().timestamp());
                    }
                }
                Map<String, Long> completed = new HashMap<>();
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(kafka.bootstrapServers()),
                        new StringDeserializer(), new StringDeserializer())) {
                    consumer.subscribe(List.of(Topics.INVESTIGATION_COMPLETIONS));
                    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
                    while (completed.size() < requests && System.nanoTime() < deadline) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                            if (written.containsKey(record.key())) {
                                completed.putIfAbsent(record.key(), record.timestamp());
                            }
                        }
                    }
                }
                long first = written.values().stream().mapToLong(Long::longValue).min().orElse(0);
                long last = completed.values().stream().mapToLong(Long::longValue).max().orElse(first);
                Latencies latency = new Latencies(requests);
                completed.forEach((id, at) -> latency.add((at - written.get(id)) * 1_000_000L));
                System.out.println("## Investigations (" + Machine.describe() + ")");
                System.out.printf("requests=%d, completed=%d, concurrency=%s%n", requests, completed.size(), options.text("concurrency", "4"));
                System.out.println("| investigations/s | request → completion p50 ms | p99 ms |");
                System.out.println("|---|---|---|");
                System.out.printf("| %.1f | %.0f | %.0f |%n", completed.size() / ((last - first) / 1000.0),
                        latency.percentileMillis(50), latency.percentileMillis(99));
            }
        }
    }

    private static Properties producerConfig(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    private static Properties consumerConfig(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }
}
