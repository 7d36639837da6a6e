package io.inquest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.inquest.events.Topics;
import io.inquest.infra.FreePorts;
import io.inquest.infra.KafkaBroker;
import io.inquest.infra.ServiceProcess;
import io.inquest.infra.TopicReader;

/**
 * Gateway intake: single-alert Alertmanager webhooks at a fixed concurrency against the packaged
 * gateway and a real broker, each answered only after Kafka acknowledged (acks=all), compared
 * with a bare Kafka producer sending records of the same size with acks=all to the same broker
 * at the same concurrency (one synchronous send per thread at a time, like one HTTP request).
 */
public final class IntakeBenchmark {

    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int requests = options.integer("requests", 20_000);
        int warmup = options.integer("warmup", 3_000);
        int concurrency = options.integer("concurrency", 16);
        Path root = Path.of(options.text("root", ".")).toAbsolutePath().normalize();
        Path logs = root.resolve("bench/target/logs");

        try (KafkaBroker kafka = KafkaBroker.onFreePorts().start();
                ServiceProcess gateway = ServiceProcess.start(root, "gateway", FreePorts.next(), Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                        "INQUEST_ALLOW_UNAUTHENTICATED", "true",
                        "INQUEST_RATE_LIMIT_PER_SECOND", "1000000",
                        "INQUEST_RATE_LIMIT_BURST", "1000000"), logs)) {
            gateway.awaitReady(Duration.ofMinutes(2));
            String template = Files.readString(root.resolve("fixtures/alertmanager-v4.json"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create(gateway.baseUrl() + "/webhooks/alertmanager");

            run(concurrency, warmup, i -> post(http, uri, template, "w" + i), new Latencies(warmup));
            Latencies gatewayLatency = new Latencies(requests);
            double gatewayRate = run(concurrency, requests, i -> post(http, uri, template, "r" + i), gatewayLatency);

            ConsumerRecord<String, String> sample = TopicReader.readUntil(kafka.bootstrapServers(), Topics.INVESTIGATION_REQUESTS,
                    r -> true, Duration.ofSeconds(30)).get(0);
            int recordBytes = sample.value().getBytes().length;
            Latencies kafkaLatency = new Latencies(requests);
            double kafkaRate;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                String topic = "bench.reference";
                run(concurrency, warmup, i -> producer.send(new ProducerRecord<>(topic, "w" + i, sample.value())).get(),
                        new Latencies(warmup));
                kafkaRate = run(concurrency, requests,
                        i -> producer.send(new ProducerRecord<>(topic, "r" + i, sample.value())).get(), kafkaLatency);
            }

            System.out.println("## Intake (" + Machine.describe() + ")");
            System.out.printf("requests=%d concurrency=%d record=%d bytes%n", requests, concurrency, recordBytes);
            System.out.println("| path | alerts/s | p50 ms | p99 ms |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| gateway: POST /webhooks/alertmanager → 202 after acks=all | %.0f | %.2f | %.2f |%n", gatewayRate,
                    gatewayLatency.percentileMillis(50), gatewayLatency.percentileMillis(99));
            System.out.printf("| bare KafkaProducer.send().get(), acks=all, same record | %.0f | %.2f | %.2f |%n", kafkaRate,
                    kafkaLatency.percentileMillis(50), kafkaLatency.percentileMillis(99));
            System.out.printf("gateway/reference throughput ratio: %.2f%n", gatewayRate / kafkaRate);
        }
    }

    private static void post(HttpClient http, URI uri, String template, String fingerprint) throws Exception {
        String body = template.replace("a1b2c3d4e5f60718", String.format("%16s", fingerprint).replace(' ', '0'));
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("gateway answered " + response.statusCode());
        }
    }

    private static Properties producerConfig(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        return config;
    }

    /** One unit of work, numbered. */
    interface Work {
        void run(int i) throws Exception;
    }

    /** Runs {@code total} units on {@code threads} threads; answers units per second. */
    static double run(int threads, int total, Work work, Latencies latencies) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long began = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    try {
                        work.run(i);
                        latencies.add(System.nanoTime() - start);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("the benchmark did not finish in 30 minutes");
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        if (failures.get() > 0) {
            System.out.println("failures: " + failures.get() + " of " + total);
        }
        return latencies.count() / seconds;
    }

}
