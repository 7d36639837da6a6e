package io.inquest.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole system under a sustained load of Alertmanager webhooks, on this machine: time from
 * webhook accepted to email accepted by the SMTP server, where that time goes, throughput, memory
 * per process, and, with a fault injected a third of the way in, what was accepted, completed,
 * emailed, lost and duplicated.
 *
 * <pre>
 * --fault none|kafka-restart|smtp-down|postgres-restart|kill-investigation|kill-notification|kill-gateway
 *         |hostile|hostile-generated
 * --outage s (how long Kafka, PostgreSQL or SMTP stay down, or a killed service stays dead;
 *             default 5 s, SMTP 30 s)  --fault-at s (default: a third of the load)
 * --hostile n (requests of hostile-generated; default 10,000)  --seed n (their generator's seed)
 * --notification-env KEY=VALUE,KEY=VALUE (e.g. the retry schedule for a long SMTP outage)
 * --rate alerts/s  --seconds s  --instances n (investigation- and notification-service)
 * --partitions p  --drain-minutes m (how long to wait for the last emails)
 * --warmup n (alerts at 10/s before the measured load, left out of the figures)
 * --concurrency n (investigations run at once per instance; default: the service's default)
 * </pre>
 */
public final class LoadBenchmark {

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        String fault = options.text("fault", "none");
        int rate = options.integer("rate", 10);
        int seconds = options.integer("seconds", 60);
        int instances = options.integer("instances", 1);
        int partitions = options.integer("partitions", 3);
        int warmup = options.integer("warmup", 0);
        Duration drain = Duration.ofMinutes(options.integer("drain-minutes", 10));
        // Unset: the service's own default.
        Map<String, String> investigationSettings = options.has("concurrency")
                ? Map.of("INQUEST_INVESTIGATIONS_CONCURRENCY", options.text("concurrency", "")) : Map.of();
        Path root = Path.of(options.text("root", ".")).toAbsolutePath().normalize();
        Duration load = Duration.ofSeconds(seconds);
        Duration outage = Duration.ofSeconds(options.integer("outage", fault.equals("smtp-down") ? 30 : 5));
        int faultAt = options.integer("fault-at", seconds / 3);
        int hostileCount = options.integer("hostile", 10_000);
        long seed = Long.parseLong(options.text("seed", String.valueOf(System.nanoTime())));
        Map<String, String> notificationSettings = environment(options.text("notification-env", ""));

        try (SystemUnderLoad system = new SystemUnderLoad(root, instances, partitions, investigationSettings, notificationSettings);
                Ledger ledger = new Ledger(system.mail)) {
            ProcessUsage usage = new ProcessUsage();
            ScheduledExecutorService background = Executors.newScheduledThreadPool(3);
            background.scheduleWithFixedDelay(() -> usage.sample(system.processes()), 0, 2, TimeUnit.SECONDS);
            background.scheduleWithFixedDelay(system::superviseLiveness, 10, 10, TimeUnit.SECONDS);
            if (warmup > 0) {
                // Freshly started JVMs compile as they go; the measured load starts on warm services.
                AlertLoad warm = new AlertLoad(system.gatewayUrl(), SystemUnderLoad.TOKEN);
                warm.send(10, Duration.ofMillis(warmup * 100L));
                warm.settle(Instant.now().plus(Duration.ofMinutes(1)));
                ledger.awaitEmails(warm.accepted.size(), Instant.now().plus(Duration.ofMinutes(5)), Duration.ZERO);
                ledger.exclude(warm.accepted.values().stream().map(AlertLoad.Accepted::investigationId).toList());
            }
            AlertLoad alerts = new AlertLoad(system.gatewayUrl(), SystemUnderLoad.TOKEN);
            HostilePayloads hostile = new HostilePayloads(system.gatewayUrl(), SystemUnderLoad.TOKEN);
            GeneratedHostileRequests generated = new GeneratedHostileRequests(system.gatewayUrl(), SystemUnderLoad.TOKEN, seed);
            StringBuilder faultLog = new StringBuilder();
            Future<?> faultDone = CompletableFuture.completedFuture(null);
            try {
                if (fault.equals("hostile")) {
                    alerts.withMarkup();
                    faultDone = background.submit(() -> run(faultLog, "1,000 malformed and hostile requests", () -> hostile.send(1_000, load)));
                } else if (fault.equals("hostile-generated")) {
                    alerts.withMarkup();
                    faultDone = background.submit(() -> run(faultLog, "%,d generated hostile requests (jqwik, seed %d)"
                            .formatted(hostileCount, seed), () -> generated.send(hostileCount, load)));
                } else if (!fault.equals("none")) {
                    faultDone = background.schedule(() -> inject(fault, outage, system, ledger, faultLog), faultAt, TimeUnit.SECONDS);
                }
                alerts.send(rate, load);
                // The fault may outlast the load (a long outage): the alerts refused meanwhile are retried until it is over.
                faultDone.get();
                alerts.settle(Instant.now().plus(Duration.ofMinutes(2)));
                List<AlertLoad.Accepted> accepted = new ArrayList<>(alerts.accepted.values());
                accepted.addAll(generated.accepted);
                ledger.awaitEmails(accepted.stream().map(AlertLoad.Accepted::investigationId).distinct().toList().size()
                        + ledger.excludedCount(), Instant.now().plus(drain), Duration.ofSeconds(10));
            } finally {
                background.shutdownNow();
                background.awaitTermination(1, TimeUnit.MINUTES);
            }
            List<AlertLoad.Accepted> accepted = new ArrayList<>(alerts.accepted.values());
            accepted.addAll(generated.accepted);
            Ledger.Result result = ledger.result(accepted, system.kafka.bootstrapServers(), fault.startsWith("hostile"));
            report(system, fault, rate, seconds, instances, partitions, warmup, alerts, hostile, generated, faultLog, result, usage);
            System.out.println("settings changed for the run: " + (notificationSettings.isEmpty() ? "none" : "notification-service " + notificationSettings));
        }
    }

    private static Map<String, String> environment(String list) {
        Map<String, String> env = new TreeMap<>();
        for (String pair : list.split(",")) {
            if (!pair.isBlank()) {
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("expected KEY=VALUE, got " + pair);
                }
                env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return env;
    }

    private static void inject(String fault, Duration outage, SystemUnderLoad system, Ledger ledger, StringBuilder log) {
        String after = outage.toSeconds() + " s";
        switch (fault) {
            case "kafka-restart" -> run(log, "Kafka broker stopped, started again after " + after, () -> {
                system.kafka.stop();
                Thread.sleep(outage.toMillis());
                system.kafka.start();
            });
            case "smtp-down" -> run(log, "SMTP server down for " + after, () -> {
                system.mail.stop();
                Thread.sleep(outage.toMillis());
                system.mail.start();
            });
            case "postgres-restart" -> run(log, "PostgreSQL stopped, started again after " + after, () -> {
                system.postgres.stop();
                Thread.sleep(outage.toMillis());
                system.postgres.start();
            });
            case "kill-investigation" -> run(log, "investigation-service killed (kill -9), restarted after " + after, () -> {
                system.killInvestigationService(0);
                Thread.sleep(outage.toMillis());
                system.restartInvestigationService(0);
            });
            case "kill-notification" -> run(log, "notification-service killed (kill -9) right after an email arrived, restarted after "
                    + after, () -> {
                        // Emails arrive every ~200 ms at 5 alerts/s: killed on the heels of one, it is most likely sending the next.
                        ledger.awaitNextEmail(Duration.ofMinutes(2));
                        system.killNotificationService(0);
                        Thread.sleep(outage.toMillis());
                        system.restartNotificationService(0);
                    });
            case "kill-gateway" -> run(log, "gateway killed (kill -9) under load, restarted after " + after, () -> {
                system.killGateway();
                Thread.sleep(outage.toMillis());
                system.restartGateway();
            });
            default -> throw new IllegalArgumentException("unknown fault " + fault);
        }
    }

    /** A step of a fault, timed and logged; a failure is reported, not swallowed. */
    interface Step {
        void run() throws Exception;
    }

    private static void run(StringBuilder log, String what, Step step) {
        Instant began = Instant.now();
        try {
            step.run();
            synchronized (log) {
                log.append(what).append(" (").append(began).append(", took ")
                        .append(Duration.between(began, Instant.now()).toMillis()).append(" ms)");
            }
        } catch (Exception e) {
            synchronized (log) {
                log.append(what).append(" FAILED: ").append(e);
            }
        }
    }

    private static void report(SystemUnderLoad system, String fault, int rate, int seconds, int instances, int partitions, int warmup, AlertLoad alerts,
            HostilePayloads hostile, GeneratedHostileRequests generated, StringBuilder faultLog, Ledger.Result r, ProcessUsage usage) {
        System.out.printf("## Load: %d alerts/s for %d s, fault: %s (%s)%n", rate, seconds, fault, Machine.describe());
        System.out.printf("instances of investigation- and notification-service: %d, partitions per topic: %d, "
                + "warm-up before the measured load: %d alerts at 10/s (not counted)%n", instances, partitions, warmup);
        if (!faultLog.isEmpty()) {
            System.out.println("fault: " + faultLog);
        }
        System.out.println("restarts on liveness DOWN (as Kubernetes would): "
                + (system.livenessRestarts().isEmpty() ? "none" : String.join("; ", system.livenessRestarts())));
        System.out.printf("alerts sent %d, retried %d times (503/429/connection), refused %d, given up %d%n",
                alerts.sent.get(), alerts.retried.get(), alerts.refused.get(), alerts.gaveUp.get());
        System.out.println("| accepted | published | published without a 202 | completed | failed | cancelled "
                + "| lost investigations | emails expected | emails received | lost | duplicated by Message-ID "
                + "| duplicated by investigation+recipient | terminal events republished |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        System.out.printf("| %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n", r.accepted(), r.requested(),
                r.publishedWithout202(), r.completed(), r.failed(), r.cancelled(), r.lostInvestigations(), r.emailsExpected(),
                r.emailsReceived(), r.emailsLost(), r.duplicatedByMessageId(), r.duplicatedByInvestigationAndRecipient(),
                r.terminalRepublished());
        System.out.printf("request topic: %d records for %d investigations; 202 answers name %d investigations; "
                + "published without a 202: %d%n", r.requestRecords(), r.requested(), r.accepted(), r.publishedWithout202());
        System.out.printf("webhook accepted → email accepted: p50 %.0f ms, p99 %.0f ms (%d emails); "
                + "investigations/s %.1f, emails/s %.1f%n", r.total().percentileMillis(50), r.total().percentileMillis(99),
                r.total().count(), r.investigationsPerSecond(), r.emailsPerSecond());
        System.out.println("| stage | p50 ms | p99 ms | mean ms |");
        System.out.println("|---|---|---|---|");
        stage("intake: 202 → stored as queued", r.intake());
        stage("waiting for a worker: queued → first stage", r.waiting());
        stage("investigation: first stage → completed", r.running());
        stage("notification: completed → email accepted by SMTP", r.notifying());
        System.out.println("peak RSS (MiB): " + usage.peakMiB());
        System.out.println("CPU seconds (start to end of run, on " + Runtime.getRuntime().availableProcessors() + " cores): "
                + usage.cpuSeconds() + "; this load generator, GreenMail and the counting: "
                + ProcessHandle.current().info().totalCpuDuration().map(Duration::toSeconds).orElse(-1L));
        if (fault.equals("hostile")) {
            System.out.println("hostile requests by kind and answer: " + hostile.answers + "; unexpected answers: " + hostile.unexpected);
        }
        if (fault.startsWith("hostile")) {
            System.out.printf("emails whose HTML holds a raw <script>: %d; with it escaped: %d (alerts with markup: every tenth); "
                    + "emails with alert text in a header (CR LF injection): %d%n", r.rawScriptInHtml(), r.escapedScriptInHtml(),
                    r.injectedHeaders());
        }
        if (fault.equals("hostile-generated")) {
            generated.report(System.out);
        }
    }

    private static void stage(String name, Latencies latencies) {
        System.out.printf("| %s | %.0f | %.0f | %.0f |%n", name, latencies.percentileMillis(50), latencies.percentileMillis(99),
                latencies.meanMillis());
    }
}
