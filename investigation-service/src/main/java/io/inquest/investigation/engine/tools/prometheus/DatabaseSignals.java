package io.inquest.investigation.engine.tools.prometheus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.smallrye.mutiny.Uni;

/**
 * PostgreSQL servers' signals by postgres_exporter's names: connections against {@code
 * max_connections}, replication lag, database size, the longest open transaction.
 *
 * <p>Which servers: those whose series carry the alert's own labels ({@code instance}, {@code
 * pod}, {@code service}, {@code datname}...; an alert about the database itself), else those
 * named like the service or one of its dependencies ({@code service}, the pods' names, the
 * {@code instance} host, {@code datname}). When neither finds one but Prometheus knows only a few
 * servers, those are read, and the observations say they were not selected by the alert.
 */
final class DatabaseSignals {

    /** At most this many servers are read; with more and no selector, none is guessed. */
    static final int FEW = 3;
    static final double CONNECTIONS_EXHAUSTED = 0.9;
    static final double LAG_ABNORMAL_SECONDS = 30;
    static final double LONG_TRANSACTION_SECONDS = 300;

    /**
     * The labels that say who holds a connection, where the exporter's query keeps them
     * (pg_stat_activity's application_name, usename, client_addr; the database).
     */
    static final List<String> HOLDER_LABELS = List.of("application_name", "usename", "client_addr", "datname");
    private static final int TOP_HOLDERS = 3;

    private DatabaseSignals() {
    }

    /** One database server: the labels that identify it, how it was chosen, and which metrics it has. */
    record Server(Map<String, String> identity, String selectedBy, Set<String> metrics) {

        Selector selector() {
            Selector s = Selector.of();
            for (Map.Entry<String, String> e : new TreeMap<>(identity).entrySet()) {
                s = s.and(e.getKey(), "=", e.getValue());
            }
            return s;
        }

        /** How an operator names it: its service, else its pod, else its instance. */
        String name() {
            for (String key : List.of("service", "pod", "instance", "server", "job")) {
                if (identity.containsKey(key)) {
                    return identity.get(key);
                }
            }
            return identity.isEmpty() ? "the PostgreSQL server" : identity.values().iterator().next();
        }
    }

    static List<String> metricNames(PrometheusSettings.Metrics m) {
        List<String> names = new ArrayList<>(List.of(m.pgConnections(), m.pgMaxConnections(), m.pgDatabaseSize(), m.pgMaxTransactionDuration()));
        names.addAll(m.pgReplicationLag());
        return names;
    }

    /** The servers to read; empty when the series call failed or none could be chosen. */
    static Uni<List<Server>> find(Inquiry inquiry, List<String> names, String namespace) {
        PrometheusSettings s = inquiry.settings();
        List<String> metrics = metricNames(s.metrics());
        Map<String, String> alertLabels = inquiry.subject().alert().labels();
        List<String> identifying = identifying(s);

        List<Selector> byAlert = new ArrayList<>();
        for (String key : identifying) {
            String value = alertLabels.get(key);
            if (value != null && !value.isBlank()) {
                byAlert.add(Selector.eq(key, value));
            }
        }
        List<Selector> byName = new ArrayList<>();
        for (String name : names) {
            byName.add(Selector.eq("service", name));
            byName.add(Selector.eq("datname", name));
            byName.add(Selector.of().and("instance", "=~", Selector.literal(name) + "([.:].*)?"));
            byName.addAll(ServiceSeries.podCandidates(s.labels(), List.of(name), namespace));
        }
        List<String> selectors = new ArrayList<>();
        byAlert.forEach(c -> selectors.add(c.forNames(metrics)));
        byName.forEach(c -> selectors.add(c.forNames(metrics)));
        if (selectors.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return inquiry.series("the PostgreSQL series", selectors).flatMap(found -> {
            List<Map<String, String>> sets = found.orElse(List.of());
            List<Server> chosen = choose(sets, byName, alertLabels, identifying, s);
            if (!chosen.isEmpty() || found.isEmpty()) {
                return Uni.createFrom().item(chosen);
            }
            return inquiry.series("every PostgreSQL series", List.of(Selector.of().forNames(metrics))).map(all -> {
                Map<Map<String, String>, Set<String>> servers = group(all.orElse(List.of()), s);
                if (servers.isEmpty() || servers.size() > FEW) {
                    return List.<Server>of();
                }
                return servers.entrySet().stream()
                        .map(e -> new Server(e.getKey(), "fallback: the alert's labels name no PostgreSQL server, and Prometheus has only "
                                + servers.size(), e.getValue()))
                        .toList();
            });
        });
    }

    static List<String> identifying(PrometheusSettings s) {
        List<String> keys = new ArrayList<>(s.labels().databaseServer());
        keys.add("datname");
        return keys;
    }

    /**
     * The servers whose series agree with every identifying label the alert has and the series
     * carry, most agreeing labels first; else those found by a name.
     */
    static List<Server> choose(List<Map<String, String>> sets, List<Selector> byName, Map<String, String> alertLabels,
            List<String> identifying, PrometheusSettings s) {
        Map<Map<String, String>, Integer> score = new LinkedHashMap<>();
        Map<Map<String, String>, Set<String>> metrics = new LinkedHashMap<>();
        for (Map<String, String> set : sets) {
            Map<String, String> id = identity(set, s);
            metrics.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(set.get("__name__"));
            int agreeing = 0;
            boolean consistent = true;
            for (String key : identifying) {
                String mine = alertLabels.get(key);
                String theirs = set.get(key);
                if (mine == null || theirs == null) {
                    continue;
                }
                if (mine.equals(theirs)) {
                    agreeing++;
                } else {
                    consistent = false;
                }
            }
            // A label that names the server (instance, service, pod...) outweighs a name match, which
            // outweighs sharing the alert's namespace (a namespace may hold several servers).
            int value = (consistent ? 10 * agreeing : 0) + (byName.stream().anyMatch(n -> n.test(set)) ? 5 : 0);
            if (consistent && agreeing == 1 && namespaceOnly(alertLabels, set, s)) {
                value = value - 10 + 1;
            }
            score.merge(id, value, Math::max);
        }
        int best = score.values().stream().max(Integer::compare).orElse(0);
        if (best == 0) {
            return List.of();
        }
        String how = best >= 10 ? "the alert's labels" : best >= 5 ? "the service's or a dependency's name" : "the alert's namespace";
        return score.entrySet().stream().filter(e -> e.getValue() == best).limit(FEW)
                .map(e -> new Server(e.getKey(), how, metrics.get(e.getKey()))).toList();
    }

    /** The one label the series and the alert agree on is the namespace. */
    private static boolean namespaceOnly(Map<String, String> alertLabels, Map<String, String> set, PrometheusSettings s) {
        String ns = s.labels().namespace();
        return alertLabels.containsKey(ns) && alertLabels.get(ns).equals(set.get(ns));
    }

    static Map<Map<String, String>, Set<String>> group(List<Map<String, String>> sets, PrometheusSettings s) {
        Map<Map<String, String>, Set<String>> servers = new LinkedHashMap<>();
        sets.forEach(set -> servers.computeIfAbsent(identity(set, s), k -> new LinkedHashSet<>()).add(set.get("__name__")));
        return servers;
    }

    private static Map<String, String> identity(Map<String, String> set, PrometheusSettings s) {
        Map<String, String> id = new TreeMap<>();
        for (String key : s.labels().databaseServer()) {
            if (set.containsKey(key)) {
                id.put(key, set.get(key));
            }
        }
        return id;
    }

    // --- reading one server ---------------------------------------------------------------------

    static Uni<List<Observation>> read(Inquiry inquiry, Server server) {
        PrometheusSettings.Metrics m = inquiry.settings().metrics();
        Selector sel = server.selector();
        List<Uni<List<Observation>>> parts = new ArrayList<>();
        if (server.metrics().contains(m.pgConnections())) {
            String used = "sum(" + sel.of(m.pgConnections()) + ")";
            String max = "max(" + sel.of(m.pgMaxConnections()) + ")";
            Uni<Optional<Series>> limit = server.metrics().contains(m.pgMaxConnections())
                    ? inquiry.single("max_connections of " + server.name(), max) : Uni.createFrom().item(Optional.empty());
            parts.add(Uni.combine().all().unis(inquiry.single("connections of " + server.name(), used), limit).asTuple()
                    .map(t -> t.getItem1().map(u -> connections(inquiry, server, used, u, t.getItem2())).orElse(List.of())));
            String byHolder = "sum by (" + String.join(", ", HOLDER_LABELS) + ") (" + sel.of(m.pgConnections()) + ")";
            parts.add(inquiry.many("connections of " + server.name() + " by client", byHolder)
                    .map(found -> holders(server, byHolder, found.orElse(List.of()))));
        }
        m.pgReplicationLag().stream().filter(server.metrics()::contains).findFirst().ifPresent(lag -> {
            String q = "max(" + sel.of(lag) + ")";
            parts.add(inquiry.single("replication lag of " + server.name(), q)
                    .map(found -> found.map(s -> replicationLag(inquiry, server, q, s)).orElse(List.of())));
        });
        if (server.metrics().contains(m.pgDatabaseSize())) {
            String q = "sum(" + sel.of(m.pgDatabaseSize()) + ")";
            parts.add(inquiry.single("database size of " + server.name(), q)
                    .map(found -> found.map(s -> size(inquiry, server, q, s)).orElse(List.of())));
        }
        if (server.metrics().contains(m.pgMaxTransactionDuration())) {
            String q = "max(" + sel.of(m.pgMaxTransactionDuration()) + ")";
            parts.add(inquiry.single("longest transaction on " + server.name(), q)
                    .map(found -> found.map(s -> longTransaction(inquiry, server, q, s)).orElse(List.of())));
        }
        if (parts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(parts).andFailFast().map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    private static Observation.Builder database(Inquiry inquiry, Server server, String metric, String query, MetricFact f, String unit) {
        return Observation.of(Inquiry.SOURCE, Signal.DATABASE, "database/" + server.name() + "/" + metric)
                .at(f.changedAt().map(ChangePoint::at).orElse(null))
                .attr("metric", metric).attr("of", server.name()).attr("query", query)
                .attr("value", Quantities.exact(f.value())).attr("peak", Quantities.exact(f.peak().value()))
                .attr("peakAt", f.peak().at())
                .attr("baseline", f.baseline().map(Quantities::exact).orElse(null)).attr("unit", unit)
                .attr("changedAt", f.changedAt().map(ChangePoint::at).orElse(null))
                .attr("selectedBy", server.selectedBy())
                .attr("server", server.identity().toString());
    }

    private static String fallbackNote(Server server) {
        return server.selectedBy().startsWith("fallback") ? " (the only PostgreSQL server(s) Prometheus has; the alert names none)" : "";
    }

    static List<Observation> connections(Inquiry inquiry, Server server, String query, Series used, Optional<Series> max) {
        return MetricFact.of(used, inquiry, 2).map(f -> {
            Optional<Double> limit = max.flatMap(Series::max).map(Series.Point::value).filter(v -> v > 0);
            double ratio = limit.map(l -> f.peak().value() / l).orElse(Double.NaN);
            boolean abnormal = limit.isPresent() && ratio >= CONNECTIONS_EXHAUSTED;
            String text = "connections to " + server.name() + fallbackNote(server) + " (sum of " + inquiry.settings().metrics().pgConnections()
                    + (f.steady() ? ") steady at " : ") reached ") + Math.round(f.peak().value())
                    + limit.map(l -> " of max_connections " + Math.round(l) + " (" + Quantities.percent(ratio) + ")").orElse("")
                    + (f.steady() ? " around the alert" : " " + inquiry.when(f.peak().at())
                            + f.baseline().map(b -> "; " + Math.round(b) + " before").orElse(""))
                    + f.changedAt().map(c -> "; they rose " + inquiry.when(c.at())).orElse("")
                    + (abnormal ? ": the server is out of connections" : "");
            return List.of(database(inquiry, server, "connections", query, f, "connections")
                    .attr("limit", limit.map(Quantities::exact).orElse(null))
                    .attr("ratio", limit.isPresent() ? Quantities.number(ratio) : null)
                    .attr("abnormal", abnormal).text(text));
        }).orElse(List.of());
    }

    static List<Observation> replicationLag(Inquiry inquiry, Server server, String query, Series lag) {
        return MetricFact.of(lag, inquiry, 5).map(f -> {
            boolean abnormal = f.peak().value() >= LAG_ABNORMAL_SECONDS && f.rose(2, 5);
            String name = "replication lag of " + server.name() + fallbackNote(server) + " (" + query + ")";
            String text = f.steady() ? name + " steady at " + Quantities.seconds(f.value()) + " around the alert"
                    : name + " reached " + Quantities.seconds(f.peak().value()) + " " + inquiry.when(f.peak().at())
                            + f.baseline().map(b -> "; " + Quantities.seconds(b) + " before").orElse("")
                            + f.changedAt().map(c -> "; it began to grow " + inquiry.when(c.at())).orElse("")
                            + "; " + Quantities.seconds(f.value()) + " at the alert's start";
            return List.of(database(inquiry, server, "replication_lag", query, f, "seconds")
                    .attr("ratio", f.baseline().filter(b -> b > 0).map(b -> Quantities.number(f.peak().value() / b)).orElse(null))
                    .attr("abnormal", abnormal).text(text));
        }).orElse(List.of());
    }

    static List<Observation> size(Inquiry inquiry, Server server, String query, Series size) {
        return MetricFact.of(size, inquiry, 64 * 1024 * 1024).map(f -> {
            double growth = f.peak().value() - f.baseline().orElse(f.peak().value());
            String text = "databases on " + server.name() + fallbackNote(server) + " (" + inquiry.settings().metrics().pgDatabaseSize()
                    + ") hold " + Quantities.bytes(f.value()) + " at the alert's start"
                    + (growth > 0 ? ", " + Quantities.bytes(growth) + " more than before (" + Quantities.bytes(f.baseline().orElse(0.0)) + ")"
                            : "");
            return List.of(database(inquiry, server, "storage", query, f, "bytes")
                    .attr("valueBytes", String.valueOf(Math.round(f.value())))
                    .attr("growthBytes", String.valueOf(Math.round(growth)))
                    .attr("abnormal", false).text(text));
        }).orElse(List.of());
    }

    static List<Observation> longTransaction(Inquiry inquiry, Server server, String query, Series duration) {
        return MetricFact.of(duration, inquiry, 30).map(f -> {
            boolean abnormal = f.peak().value() >= LONG_TRANSACTION_SECONDS;
            String text = "the longest open transaction on " + server.name() + fallbackNote(server) + " ("
                    + inquiry.settings().metrics().pgMaxTransactionDuration() + ") lasted " + Quantities.seconds(f.peak().value())
                    + " at most" + (abnormal ? ", " + inquiry.when(f.peak().at()) : ": no long transaction");
            return List.of(database(inquiry, server, "long_transaction", query, f, "seconds")
                    .attr("limit", Quantities.number(LONG_TRANSACTION_SECONDS))
                    .attr("abnormal", abnormal).text(text));
        }).orElse(List.of());
    }

    /**
     * Who holds the connections: the groups of connections by application, user, client address
     * (and database) at their highest, largest first; nothing when the series do not carry who
     * (postgres_exporter's default pg_stat_activity_count has only datname and state) or name one
     * database only.
     */
    static List<Observation> holders(Server server, String query, List<Series> groups) {
        record Holder(String who, double peak, java.time.Instant at) {
        }
        List<Holder> holders = new ArrayList<>();
        for (Series g : groups) {
            StringBuilder who = new StringBuilder();
            for (String key : HOLDER_LABELS) {
                String value = g.label(key);
                if (value != null && !value.isBlank()) {
                    who.append(who.length() > 0 ? " " : "").append(key).append('=').append(value);
                }
            }
            g.max().ifPresent(p -> holders.add(new Holder(who.toString(), p.value(), p.at())));
        }
        boolean named = groups.stream().anyMatch(g -> HOLDER_LABELS.subList(0, 3).stream().anyMatch(k -> g.label(k) != null
                && !g.label(k).isBlank()));
        if (!named || holders.size() < 1) {
            return List.of();
        }
        double total = holders.stream().mapToDouble(Holder::peak).sum();
        List<Holder> top = holders.stream().sorted(Comparator.comparingDouble(Holder::peak).reversed()).limit(TOP_HOLDERS).toList();
        String list = top.stream().map(h -> h.who() + " " + Math.round(h.peak())).collect(java.util.stream.Collectors.joining(", "));
        Holder first = top.get(0);
        return List.of(Observation.of(Inquiry.SOURCE, Signal.DATABASE, "database/" + server.name() + "/connection_holders")
                .at(first.at()).attr("metric", "connection_holders").attr("of", server.name()).attr("query", query)
                .attr("top", first.who()).attr("value", Quantities.exact(first.peak()))
                .attr("share", total > 0 ? Quantities.number(first.peak() / total) : null).attr("holders", list)
                .attr("abnormal", false)
                .text("who holds the connections to " + server.name() + " (" + query + ", each at its highest): " + list));
    }

    /** The names the servers go by, for finding their volumes. */
    static List<String> names(List<Server> servers) {
        Set<String> names = new LinkedHashSet<>();
        servers.forEach(s -> {
            Optional.ofNullable(s.identity().get("service")).ifPresent(names::add);
            Optional.ofNullable(s.identity().get("pod")).ifPresent(names::add);
        });
        return List.copyOf(names);
    }

    static Comparator<Server> byName() {
        return Comparator.comparing(Server::name);
    }
}
