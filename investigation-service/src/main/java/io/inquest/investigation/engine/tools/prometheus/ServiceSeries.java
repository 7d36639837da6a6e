package io.inquest.investigation.engine.tools.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.mutiny.Uni;

/**
 * Which series belong to a service, found with one {@code /api/v1/series} call: its HTTP series
 * by the first of the configured service labels that names it (the first configured request
 * counter it exports: Micrometer's, {@code http_requests_total}, ...), and its containers'
 * series by its pods' names. The chosen
 * selectors are then used for the queries, so a metric that the service does not export is not
 * queried at all.
 *
 * @param of         the service's name as the observations say it
 * @param scope      {@code service} or {@code dependency}
 * @param http       how its HTTP series are selected, if it has any
 * @param containers per container metric name, the selector of the service's series of it
 */
record ServiceSeries(String of, String scope, Optional<Http> http, Map<String, Selector> containers, Optional<Calls> calls) {

    /**
     * How the calls the service makes to others are read.
     *
     * @param counter  the client request counter
     * @param selector the matchers that select the service's series of it
     * @param peer     the label that names the service called
     * @param failed   the matcher that selects failed calls ({@code outcome=~"SERVER_ERROR|UNKNOWN"}, {@code status=~"5.."})
     */
    record Calls(String counter, Selector selector, String peer, String failed) {
    }

    /**
     * One configured request counter and, if known, the base name of its latency histogram.
     *
     * @param counter   the counter whose rate is the request rate
     * @param histogram its latency histogram's base name, or null
     */
    record HttpFamily(String counter, String histogram) {

        /** {@code counter} or {@code counter:histogram}. */
        static HttpFamily parse(String entry) {
            String[] parts = entry.trim().split(":", 2);
            return new HttpFamily(parts[0].trim(), parts.length > 1 && !parts[1].isBlank() ? parts[1].trim() : null);
        }

        static List<HttpFamily> all(PrometheusSettings.Metrics m) {
            return m.httpRequests().stream().filter(e -> !e.isBlank()).map(HttpFamily::parse).toList();
        }

        /** Latencies in this histogram are in milliseconds, not seconds. */
        boolean milliseconds() {
            return histogram != null && histogram.endsWith("_milliseconds");
        }
    }

    /**
     * How the service's HTTP series are read.
     *
     * @param family   the request counter (and histogram) it exports
     * @param selector the matchers that select its series
     * @param errors   the matcher that selects the 5xx answers ({@code status=~"5.."}), or null when the series carry none
     */
    record Http(HttpFamily family, Selector selector, String errors) {

        String counter() {
            return family.counter();
        }
    }

    /** The names a service may go by on its series: the alert's service and workload, as written. */
    static List<String> namesOf(String... candidates) {
        Set<String> names = new LinkedHashSet<>();
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                names.add(c.trim());
            }
        }
        return List.copyOf(names);
    }

    /** Reads which series name the service; empty when the series call failed. */
    static Uni<Optional<ServiceSeries>> find(Inquiry inquiry, String scope, String of, List<String> names, String namespace,
            String container) {
        PrometheusSettings.Metrics m = inquiry.settings().metrics();
        PrometheusSettings.Labels labels = inquiry.settings().labels();
        List<String> httpNames = new ArrayList<>(HttpFamily.all(m).stream().map(HttpFamily::counter).distinct().toList());
        httpNames.addAll(m.httpClientRequests());
        List<String> containerNames = containerMetrics(m);

        List<Selector> httpCandidates = httpCandidates(labels, names, namespace);
        List<Selector> podCandidates = podCandidates(labels, names, namespace);
        List<String> selectors = new ArrayList<>();
        httpCandidates.forEach(c -> selectors.add(c.forNames(httpNames)));
        podCandidates.forEach(c -> selectors.add(c.forNames(containerNames)));
        return inquiry.series("the series of " + of, selectors).map(found -> found.map(sets -> {
            Optional<Http> http = chooseHttp(sets, httpCandidates, m, labels);
            Map<String, Selector> containers = new LinkedHashMap<>();
            for (String metric : containerNames) {
                for (Selector candidate : podCandidates) {
                    List<Map<String, String>> hits = sets.stream()
                            .filter(s -> metric.equals(s.get("__name__")) && candidate.test(s)).toList();
                    if (!hits.isEmpty()) {
                        Selector chosen = candidate;
                        String c = labels.container();
                        if (container != null && hits.stream().anyMatch(s -> container.equals(s.get(c)))) {
                            chosen = chosen.and(c, "=", container);
                        }
                        containers.put(metric, chosen);
                        break;
                    }
                }
            }
            return new ServiceSeries(of, scope, http, containers, chooseCalls(sets, httpCandidates, m, labels));
        }));
    }

    static List<String> containerMetrics(PrometheusSettings.Metrics m) {
        return List.of(m.cpuUsage(), m.cpuThrottledPeriods(), m.cpuPeriods(), m.cpuQuota(), m.cpuPeriod(), m.memoryWorkingSet(),
                m.memoryLimit(), m.resourceLimits(), m.restarts(), m.lastTerminatedReason());
    }

    /**
     * By each name, by each service label in order, in the alert's namespace first; then the
     * series with no namespace label at all (a service outside Kubernetes), never another namespace's.
     */
    static List<Selector> httpCandidates(PrometheusSettings.Labels labels, List<String> names, String namespace) {
        List<Selector> candidates = new ArrayList<>();
        for (String name : names) {
            for (String label : labels.service()) {
                Selector byName = Selector.eq(label, name);
                if (namespace == null) {
                    candidates.add(byName);
                } else {
                    candidates.add(byName.and(labels.namespace(), "=", namespace));
                    candidates.add(byName.and(labels.namespace(), "=", ""));
                }
            }
        }
        return candidates;
    }

    static List<Selector> podCandidates(PrometheusSettings.Labels labels, List<String> names, String namespace) {
        List<Selector> candidates = new ArrayList<>();
        for (String name : names) {
            String literal = Selector.literal(name);
            Selector pods = Selector.of().and(labels.pod(), "=~", labels.podPattern().replace("%s", literal));
            candidates.add(namespace == null ? pods : Selector.eq(labels.namespace(), namespace).and(pods));
        }
        return candidates;
    }

    /** The first candidate selector, then the first configured counter, that has series. */
    private static Optional<Http> chooseHttp(List<Map<String, String>> sets, List<Selector> candidates,
            PrometheusSettings.Metrics m, PrometheusSettings.Labels labels) {
        for (Selector candidate : candidates) {
            for (HttpFamily family : HttpFamily.all(m)) {
                List<Map<String, String>> hits = sets.stream()
                        .filter(s -> family.counter().equals(s.get("__name__")) && candidate.test(s)).toList();
                if (!hits.isEmpty()) {
                    return Optional.of(new Http(family, candidate, errorMatcher(hits, labels)));
                }
            }
        }
        return Optional.empty();
    }

    /** The first candidate selector, then the first client counter, whose series name the service called. */
    private static Optional<Calls> chooseCalls(List<Map<String, String>> sets, List<Selector> candidates, PrometheusSettings.Metrics m,
            PrometheusSettings.Labels labels) {
        for (Selector candidate : candidates) {
            for (String counter : m.httpClientRequests()) {
                List<Map<String, String>> hits = sets.stream().filter(s -> counter.equals(s.get("__name__")) && candidate.test(s)).toList();
                Optional<String> peer = labels.peer().stream().filter(p -> hits.stream().anyMatch(s -> s.containsKey(p))).findFirst();
                if (!hits.isEmpty() && peer.isPresent()) {
                    String failed = hits.stream().anyMatch(s -> s.containsKey(labels.outcome()))
                            ? labels.outcome() + "=~\"SERVER_ERROR|UNKNOWN\"" : errorMatcher(hits, labels);
                    return failed == null ? Optional.empty() : Optional.of(new Calls(counter, candidate, peer.get(), failed));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code status=~"5.."} by the first status label the series carry, else Micrometer's outcome. */
    static String errorMatcher(List<Map<String, String>> series, PrometheusSettings.Labels labels) {
        for (String status : labels.status()) {
            if (series.stream().anyMatch(s -> s.containsKey(status))) {
                return status + "=~\"5..\"";
            }
        }
        if (series.stream().anyMatch(s -> s.containsKey(labels.outcome()))) {
            return labels.outcome() + "=\"SERVER_ERROR\"";
        }
        return null;
    }

    boolean isEmpty() {
        return http.isEmpty() && containers.isEmpty() && calls.isEmpty();
    }
}
