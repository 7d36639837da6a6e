package io.inquest.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the infrastructure of the local stack in one process until it is stopped: a Kafka broker,
 * PostgreSQL with one database per service, and, when asked, GreenMail as the SMTP catcher, and
 * Prometheus (scraping the services, evaluating alert rules) with Alertmanager (sending every
 * alert to the gateway's webhook, with {@code INQUEST_WEBHOOK_TOKEN} as bearer token when set).
 * Prometheus and Alertmanager are started only when their binaries can be had (see
 * {@link PrometheusBinary}); otherwise the stack runs without them and says why.
 *
 * <pre>java -cp ... io.inquest.infra.LocalInfrastructure --data .local-stack/data
 *     --kafka-port 9092 --postgres-port 55432 [--smtp-port 1025] --databases a,b
 *     [--prometheus-port 9090 --scrape gateway=127.0.0.1:8080,... [--prometheus-rules file]
 *      [--alertmanager-port 9093 --alert-webhook http://127.0.0.1:8080/webhooks/alertmanager]]</pre>
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
        if (options.containsKey("prometheus-port")) {
            startMonitoring(options, data, started);
        }
        System.out.println("infrastructure ready");
        stopped.await();
    }

    /**
     * Alertmanager, then Prometheus pointed at it. Each prints "... ready on <url>" or "... not
     * started: <why>"; neither stops the rest of the stack from running.
     */
    private static void startMonitoring(Map<String, String> options, Path data, List<AutoCloseable> started) {
        Optional<String> prometheusMissing = missing(PrometheusBinary.PROMETHEUS);
        if (prometheusMissing.isPresent()) {
            System.out.println("prometheus not started: " + prometheusMissing.get());
            System.out.println("alertmanager not started: it receives Prometheus' alerts, and Prometheus is not running");
            return;
        }
        String alertmanager = null;
        if (options.containsKey("alertmanager-port") && options.containsKey("alert-webhook")) {
            Optional<String> missing = missing(PrometheusBinary.ALERTMANAGER);
            if (missing.isPresent()) {
                System.out.println("alertmanager not started: " + missing.get());
            } else {
                try {
                    // Its notification log says which alerts it already sent. An alert that fired in an earlier
                    // run and was never resolved (the stack stopped) would otherwise not be sent again for hours.
                    Files.deleteIfExists(data.resolve("alertmanager/data/nflog"));
                    String token = System.getenv("INQUEST_WEBHOOK_TOKEN");
                    AlertmanagerServer server = AlertmanagerServer.at(data.resolve("alertmanager"),
                            Integer.parseInt(options.get("alertmanager-port")), URI.create(options.get("alert-webhook")),
                            token == null || token.isBlank() ? null : token).start();
                    started.add(server);
                    alertmanager = server.address();
                    System.out.println("alertmanager ready on " + server.url() + " (alerts to " + options.get("alert-webhook")
                            + (token == null || token.isBlank() ? ")" : ", with the webhook token)"));
                } catch (IOException | RuntimeException e) {
                    System.out.println("alertmanager not started: " + e.getMessage());
                }
            }
        }
        try {
            Optional<Path> rules = Optional.ofNullable(options.get("prometheus-rules")).map(Path::of);
            PrometheusServer prometheus = PrometheusServer.at(data.resolve("prometheus"), Integer.parseInt(options.get("prometheus-port")))
                    .withConfig(prometheusConfig(options.getOrDefault("scrape", ""), rules.isPresent(), alertmanager));
            if (rules.isPresent()) {
                prometheus.withFile(RULES_FILE, Files.readString(rules.get()));
            }
            started.add(prometheus.start());
            System.out.println("prometheus ready on " + prometheus.url() + rules.map(r -> " (alert rules from " + r + ")").orElse(""));
        } catch (IOException | RuntimeException e) {
            System.out.println("prometheus not started: " + e.getMessage());
        }
    }

    private static final String RULES_FILE = "alert-rules.yml";

    /** {@code prometheus.yml}: every {@code job=host:port} scraped at {@code /q/metrics} every 15 s. */
    static String prometheusConfig(String scrape, boolean rules, String alertmanager) {
        StringBuilder yml = new StringBuilder("# Written by the local stack at every start.\n")
                .append("global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\n");
        if (rules) {
            yml.append("rule_files: [").append(RULES_FILE).append("]\n");
        }
        if (alertmanager != null) {
            yml.append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [\"").append(alertmanager).append("\"]\n");
        }
        StringBuilder jobs = new StringBuilder();
        for (String target : scrape.split(",")) {
            String[] jobAndAddress = target.trim().split("=", 2);
            if (jobAndAddress.length == 2 && !jobAndAddress[0].isBlank()) {
                jobs.append("  - job_name: ").append(jobAndAddress[0].trim()).append('\n')
                        .append("    metrics_path: /q/metrics\n")
                        .append("    static_configs:\n      - targets: [\"").append(jobAndAddress[1].trim()).append("\"]\n");
            }
        }
        return yml.append(jobs.isEmpty() ? "scrape_configs: []\n" : "scrape_configs:\n" + jobs).toString();
    }

    /** Why a binary cannot be had, if it cannot (the message says how to install it). */
    private static Optional<String> missing(PrometheusBinary binary) {
        try {
            binary.path();
            return Optional.empty();
        } catch (PrometheusBinary.MissingBinaryException e) {
            return Optional.of(e.getMessage());
        }
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
