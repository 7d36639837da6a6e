package io.inquest.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the infrastructure of the local stack in one process until it is stopped: a Kafka broker,
 * PostgreSQL with one database per service, and, when asked, GreenMail as the SMTP catcher.
 *
 * <pre>java -cp ... io.inquest.infra.LocalInfrastructure --data .local-stack/data
 *     --kafka-port 9092 --postgres-port 55432 [--smtp-port 1025] --databases a,b</pre>
 */
public final class LocalInfrastructure {

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = parse(args);
        Path data = Path.of(options.getOrDefault("data", ".local-stack/data")).toAbsolutePath();
        List<AutoCloseable> started = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    System.err.println("stopping " + started.get(i) + " failed: " + e);
                }
            }
            stopped.countDown();
        }, "stop-local-infrastructure"));

        int kafkaPort = Integer.parseInt(options.getOrDefault("kafka-port", "9092"));
        KafkaBroker kafka = KafkaBroker.at(data.resolve("kafka"), kafkaPort, kafkaPort + 1000, 3).start();
        started.add(kafka);
        System.out.println("kafka ready on " + kafka.bootstrapServers());

        int pgPort = Integer.parseInt(options.getOrDefault("postgres-port", "55432"));
        PostgresServer postgres = PostgresServer.at(data.resolve("postgres"), pgPort).start();
        started.add(postgres);
        for (String db : options.getOrDefault("databases", "").split(",")) {
            if (!db.isBlank()) {
                postgres.createDatabase(db.trim());
            }
        }
        System.out.println("postgres ready on 127.0.0.1:" + pgPort);

        if (options.containsKey("smtp-port")) {
            MailServer mail = MailServer.smtp(Integer.parseInt(options.get("smtp-port"))).start();
            started.add(mail);
            System.out.println("greenmail smtp ready on 127.0.0.1:" + mail.port());
        }
        System.out.println("infrastructure ready");
        stopped.await();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
