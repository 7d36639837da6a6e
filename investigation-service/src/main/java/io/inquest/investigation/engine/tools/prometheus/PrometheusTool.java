package io.inquest.investigation.engine.tools.prometheus;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.inquest.events.Alert;
import io.inquest.investigation.engine.EvidenceTool;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Target;
import io.inquest.investigation.engine.ToolFindings;
import io.inquest.investigation.engine.tools.alert.ReportedValue;
import io.inquest.investigation.engine.tools.prometheus.PrometheusApi.PrometheusException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads Prometheus around the alert's start (never around "now": the alert may be months old):
 * the alert's own expression (from its generator link, else an {@code expr}/{@code query}
 * annotation, as PagerDuty's custom details carry it), the service's RED and USE signals, the
 * same for its dependencies, the PostgreSQL servers and volumes it involves, and whether its
 * traffic surged against the same hour's baseline. Only when {@code inquest.sources.prometheus.url}
 * is set; the alert's PromQL is only ever sent there.
 *
 * <p>First it reads the alert's expression and finds which series name the service (one series
 * call each); when none of these reads is answered, Prometheus is unreachable or broken and the
 * call fails. Then it reads the signals that exist, with bounded concurrency and a time limit on
 * each read; reads that fail are left out and said so in the summary.
 */
@ApplicationScoped
public class PrometheusTool implements EvidenceTool {

    /** Dependencies read per call at most: each costs a dozen queries. */
    static final int MAX_DEPENDENCIES = 3;
    /** A host under one of these is outside the cluster and keeps its whole name. */
    private static final Pattern PUBLIC_SUFFIX = Pattern.compile("\\.(com|net|org|io|dev|app|cloud|[a-z]{2})$");

    private final PrometheusSettings settings;
    private final WebClient client;

    public PrometheusTool(PrometheusSettings settings, Vertx vertx) {
        this.settings = settings;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) settings.timeout().toMillis())
                .setMaxPoolSize(Math.max(settings.concurrency(), 4)));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public String name() {
        return Inquiry.SOURCE;
    }

    @Override
    public Optional<String> notConfigured() {
        return settings.url().isPresent() ? Optional.empty() : Optional.of("inquest.sources.prometheus.url is not set");
    }

    @Override
    public Uni<ToolFindings> investigate(Subject subject) {
        URI url = settings.url().orElseThrow(() -> new IllegalStateException("inquest.sources.prometheus.url is not set"));
        Instant start = subject.alert().startsAt();
        Window window = Window.around(start, Instant.now(), settings.lookBack(), settings.lookAhead(), settings.step(), settings.maxPoints());
        Inquiry inquiry = new Inquiry(subject, settings, new PrometheusApi(client, url, settings.timeout()),
                new Reads(settings.concurrency(), settings.budget()), window, window.close(start, settings.fineStep(), settings.maxPoints()));
        return Uni.createFrom().deferred(() -> run(inquiry));
    }

    private Uni<ToolFindings> run(Inquiry inquiry) {
        Subject subject = inquiry.subject();
        Target target = subject.target();
        List<String> notes = new ArrayList<>();
        AlertExpression.FromLink link = AlertExpression.fromGeneratorUrl(subject.alert().links().get("generator"));
        link.problem().ifPresent(problem -> notes.add("the alert's expression could not be read: " + problem));

        List<String> serviceNames = names(subject);
        String service = serviceNames.isEmpty() ? null : serviceNames.get(0);
        List<String> dependencies = dependencies(subject.alert(), service, serviceNames, settings);
        List<String> everyName = new ArrayList<>(serviceNames);
        everyName.addAll(dependencies);

        Optional<AlertExpression> expression = link.expression()
                .or(() -> AlertExpression.fromAnnotations(subject.alert().annotations(), subject.alert().labels()))
                .or(() -> AlertExpression.fromText(subject.alert().description()))
                .or(() -> AlertExpression.fromText(subject.alert().summary()));
        // Without an expression (a Grafana rule, a PagerDuty or generic alert), the metric behind the value it reports.
        ReportedValue reported = ReportedValue.of(subject.alert());
        Uni<Optional<Observation>> signal = expression.map(e -> AlertSignal.read(inquiry, e))
                .orElseGet(() -> ReportedMetric.find(inquiry, reported).flatMap(found -> found
                        .map(e -> AlertSignal.read(inquiry, e).map(o -> o.map(s -> AlertSignal.asReported(s, reported))))
                        .orElse(Uni.createFrom().item(Optional.empty()))));
        Uni<Optional<ServiceSeries>> own = service == null ? Uni.createFrom().item(Optional.empty())
                : ServiceSeries.find(inquiry, "service", service, serviceNames, target.namespace(), target.container());
        List<Uni<Optional<ServiceSeries>>> deps = new ArrayList<>();
        for (String dependency : dependencies) {
            deps.add(ServiceSeries.find(inquiry, "dependency", dependency, List.of(dependency), null, null));
        }
        Uni<List<Optional<ServiceSeries>>> depsRead = deps.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(deps).andFailFast();
        Uni<List<DatabaseSignals.Server>> databases = everyName.isEmpty() && subject.alert().labels().isEmpty()
                ? Uni.createFrom().item(List.of()) : DatabaseSignals.find(inquiry, everyName, target.namespace());

        return Uni.combine().all().unis(signal, own, depsRead, databases).asTuple().flatMap(first -> {
            if (inquiry.reads().attempted() > 0 && inquiry.reads().answered() == 0) {
                throw new PrometheusException(inquiry.reads().failures().isEmpty() ? "Prometheus at " + inquiry.api().base() + " answered nothing"
                        : inquiry.reads().failures().get(0));
            }
            List<Observation> observations = new ArrayList<>();
            first.getItem1().ifPresent(observations::add);
            List<ServiceSeries> targets = new ArrayList<>();
            first.getItem2().ifPresent(targets::add);
            first.getItem3().forEach(d -> d.filter(s -> !s.isEmpty()).ifPresent(targets::add));
            if (service != null && first.getItem2().map(ServiceSeries::isEmpty).orElse(false)) {
                notes.add("no HTTP or container series name " + String.join(" or ", serviceNames) + " (labels "
                        + String.join(", ", settings.labels().service()) + "; pods " + settings.labels().podPattern().replace("%s", serviceNames.get(0))
                        + ")");
            }
            List<DatabaseSignals.Server> servers = first.getItem4();

            List<Uni<List<Observation>>> second = new ArrayList<>();
            for (ServiceSeries t : targets) {
                second.add(RedSignals.read(inquiry, t));
                second.add(UseSignals.read(inquiry, t));
                second.add(DependencyCalls.read(inquiry, t));
            }
            servers.forEach(server -> second.add(DatabaseSignals.read(inquiry, server)));
            if (service != null) {
                second.add(RuntimeSignals.read(inquiry, service, serviceNames, target.namespace()));
            }
            second.add(ScrapeHealth.read(inquiry));
            List<String> volumeNames = new ArrayList<>(everyName);
            volumeNames.addAll(DatabaseSignals.names(servers));
            second.add(VolumeSignals.find(inquiry, volumeNames.stream().distinct().toList(), target.namespace(), target.node())
                    .flatMap(volumes -> volumes.isEmpty() ? Uni.createFrom().item(List.<Observation>of())
                            : Uni.join().all(volumes.stream().map(v -> VolumeSignals.read(inquiry, v)).toList()).andFailFast()
                                    .map(lists -> lists.stream().flatMap(List::stream).toList())));
            return Uni.join().all(second).andFailFast().map(lists -> {
                lists.forEach(observations::addAll);
                return new ToolFindings(summary(inquiry, observations, notes, dependencies), observations);
            });
        });
    }

    /**
     * The names the affected service goes by on its series: the workload the alert points at
     * first, then the alert's service when it is related to it (the {@code job} or {@code service}
     * label of an exporter's alert names the exporter: kube-state-metrics, the kubelet).
     */
    static List<String> names(Subject subject) {
        String workload = subject.target().workload();
        String service = subject.alert().service();
        if (workload == null || service == null) {
            return ServiceSeries.namesOf(workload, service);
        }
        String w = workload.toLowerCase(Locale.ROOT);
        String s = service.toLowerCase(Locale.ROOT);
        return s.contains(w) || w.contains(s) ? ServiceSeries.namesOf(workload, service) : ServiceSeries.namesOf(workload);
    }

    /**
     * What the service depends on: the alert's dependency labels (a value may be a host, host:port
     * or URL: its first DNS label is the name) and the configured topology.
     */
    static List<String> dependencies(Alert alert, String service, List<String> serviceNames, PrometheusSettings settings) {
        Set<String> names = new LinkedHashSet<>();
        for (String label : settings.labels().dependency()) {
            String value = alert.labels().getOrDefault(label, alert.annotations().get(label));
            if (value != null && !value.isBlank()) {
                names.add(hostName(value));
            }
        }
        for (String name : serviceNames) {
            names.addAll(settings.topology().getOrDefault(name, List.of()).stream().map(String::trim).filter(n -> !n.isEmpty()).toList());
        }
        names.removeIf(n -> n.isEmpty() || serviceNames.contains(n) || n.equals(service));
        return names.stream().limit(MAX_DEPENDENCIES).toList();
    }

    /**
     * How a called host is named as a service: a cluster-internal name by its first label
     * ({@code payment-gateway.payments.svc.cluster.local} → {@code payment-gateway}), an outside
     * host as it is ({@code api.paynova.net}).
     */
    static String serviceName(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT).replaceAll(":[0-9]+$", "");
        boolean clusterInternal = h.endsWith(".svc") || h.endsWith(".svc.cluster.local")
                // service.namespace, but not example.com
                || h.split("\\.").length == 2 && !PUBLIC_SUFFIX.matcher(h).find();
        return h.matches("[0-9.]+") || !clusterInternal ? h : h.replaceAll("\\..*$", "");
    }

    /** {@code postgres://orders-db.shop.svc:5432/orders} → {@code orders-db}. */
    static String hostName(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int scheme = v.indexOf("://");
        if (scheme >= 0) {
            v = v.substring(scheme + 3);
        }
        int at = v.lastIndexOf('@');
        if (at >= 0) {
            v = v.substring(at + 1);
        }
        return serviceName(v.replaceAll("[/:?].*$", ""));
    }

    static String summary(Inquiry inquiry, List<Observation> observations, List<String> notes, List<String> dependencies) {
        Window w = inquiry.window();
        StringBuilder out = new StringBuilder("Prometheus ").append(Quantities.time(w.from())).append('–').append(Quantities.time(w.to()))
                .append(" every ").append(w.step().toSeconds()).append('s');
        if (inquiry.close().finerThan(w)) {
            out.append(" (").append(inquiry.close().step().toSeconds()).append("s around the start)");
        }
        if (!dependencies.isEmpty()) {
            out.append("; dependencies ").append(String.join(", ", dependencies));
        }
        List<Observation> abnormal = observations.stream().filter(PrometheusTool::abnormal).toList();
        List<Observation> normal = observations.stream().filter(o -> !abnormal(o)).toList();
        if (observations.isEmpty()) {
            out.append(": nothing read about this alert");
        } else {
            out.append(": ").append(abnormal.size()).append(" notable, ").append(normal.size()).append(" normal");
        }
        abnormal.forEach(o -> out.append(". ").append(o.text()));
        if (!normal.isEmpty()) {
            out.append(". Normal: ").append(String.join("; ", normal.stream().map(Observation::text).toList()));
        }
        notes.forEach(n -> out.append(". Note: ").append(n));
        List<String> failures = inquiry.reads().failures();
        if (!failures.isEmpty()) {
            out.append(". ").append(failures.size()).append(" of ").append(inquiry.reads().attempted()).append(" reads failed: ")
                    .append(String.join("; ", failures.stream().limit(3).toList()))
                    .append(failures.size() > 3 ? "; …" : "");
        }
        return out.toString();
    }

    /** The alert's signal is always reported first; the others when they are out of the ordinary. */
    private static boolean abnormal(Observation o) {
        return switch (o.signal()) {
            case ALERT_SIGNAL, TRAFFIC_SURGE, SCRAPE_GAP -> true;
            default -> o.is("abnormal", "true");
        };
    }
}
