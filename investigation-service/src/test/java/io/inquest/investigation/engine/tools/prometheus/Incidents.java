package io.inquest.investigation.engine.tools.prometheus;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The metrics of six incidents, months in the past, as Micrometer, the generic HTTP client
 * libraries, cAdvisor, kube-state-metrics and postgres_exporter export them, scraped every 15 s.
 * Each incident is on its own day; its alert's start and generator expression are here too.
 */
final class Incidents {

    static final Duration SCRAPE = Duration.ofSeconds(15);
    static final long MI = 1024 * 1024;

    /** checkout: 5xx from 0 to 30 % at 10:02:15; the alert ({@code for: 20s}) fired at 10:02:50. The case the old tool missed. */
    static final Instant CHECKOUT_ERRORS_START = Instant.parse("2026-05-12T10:02:15Z");
    static final Instant CHECKOUT_ALERT = Instant.parse("2026-05-12T10:02:50Z");
    static final String CHECKOUT_EXPR = "sum(rate(http_server_requests_seconds_count{application=\"checkout\",status=~\"5..\"}[1m]))"
            + " / sum(rate(http_server_requests_seconds_count{application=\"checkout\"}[1m])) > 0.05";

    /** cart: working set of one container climbs to 498Mi of its 512Mi limit, then it is OOMKilled at 14:21. */
    static final Instant CART_ALERT = Instant.parse("2026-06-03T14:20:00Z");
    static final String CART_POD = "cart-7d9f8b6c4-x2k4q";
    static final String CART_EXPR = "max by (namespace, pod, container) (container_memory_working_set_bytes{container!=\"\"})"
            + " / max by (namespace, pod, container) (container_spec_memory_limit_bytes{container!=\"\"} > 0) > 0.9";

    /** search: CPU at its 1-core limit and throttled in 65 % of periods from 09:10; traffic 1.5x yesterday's. */
    static final Instant SEARCH_ALERT = Instant.parse("2026-07-08T09:30:00Z");
    static final String SEARCH_POD = "search-5c8d7f9b6-q7w2e";
    static final String SEARCH_EXPR = "sum by (namespace, pod, container) (increase(container_cpu_cfs_throttled_periods_total{container!=\"\"}[5m]))"
            + " / sum by (namespace, pod, container) (increase(container_cpu_cfs_periods_total[5m])) > 0.25";

    /** catalog: 200 req/s from 19:45 against 40 the day before at that hour; p99 from 0.25 s to 2 s. */
    static final Instant CATALOG_ALERT = Instant.parse("2026-08-19T20:05:00Z");
    static final Instant CATALOG_SURGE = Instant.parse("2026-08-19T19:45:00Z");
    static final String CATALOG_EXPR = "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"catalog\"}[5m]))) > 1";

    /** orders-db: connections from 25 to its max_connections of 100 from 03:35; its volume 97 % full; billing-db, next to it, is quiet. */
    static final Instant ORDERS_DB_ALERT = Instant.parse("2026-09-02T03:40:00Z");
    static final String ORDERS_DB_INSTANCE = "10.4.2.17:9187";
    static final String ORDERS_DB_EXPR = "sum by (instance) (pg_stat_activity_count) / on (instance) max by (instance) (pg_settings_max_connections) > 0.9";

    /** inventory: 5xx at 20 % from 15:58:30 to 16:01:30, then back to its usual 0.02 %. */
    static final Instant INVENTORY_ALERT = Instant.parse("2026-09-20T16:00:00Z");
    static final Instant INVENTORY_RECOVERED = Instant.parse("2026-09-20T16:01:30Z");
    static final String INVENTORY_EXPR = "sum(rate(http_requests_total{job=\"inventory\",code=~\"5..\"}[1m]))"
            + " / sum(rate(http_requests_total{job=\"inventory\"}[1m])) > 0.05";

    private Incidents() {
    }

    static void write(Path file) {
        OpenMetrics om = new OpenMetrics();
        checkout(om);
        cart(om);
        search(om);
        catalog(om);
        ordersDb(om);
        inventory(om);
        om.write(file);
    }

    private static void checkout(OpenMetrics om) {
        Instant from = CHECKOUT_ALERT.minus(Duration.ofMinutes(75));
        Instant to = CHECKOUT_ALERT.plus(Duration.ofMinutes(25));
        Map<String, String> ok = labels("application", "checkout", "namespace", "shop", "pod", "checkout-6f7c9d8b5-abcde",
                "method", "POST", "uri", "/api/checkout", "status", "200", "outcome", "SUCCESS", "exception", "none");
        Map<String, String> failed = with(ok, "status", "500", "outcome", "SERVER_ERROR", "exception", "PaymentDeclinedException");
        Function<Instant, Double> okRate = t -> t.isBefore(CHECKOUT_ERRORS_START) ? 50.0 : 35.0;
        // The 5xx series exists from the first error only, as Micrometer creates it.
        Function<Instant, Double> failedRate = t -> t.isBefore(CHECKOUT_ERRORS_START) ? null : 15.0;
        String family = "http_server_requests_seconds";
        om.sample(family, "summary", family + "_count", ok, from, to, SCRAPE, OpenMetrics.integral(okRate, SCRAPE));
        om.sample(family, "summary", family + "_sum", ok, from, to, SCRAPE, OpenMetrics.integral(t -> okRate.apply(t) * 0.08, SCRAPE));
        om.sample(family, "summary", family + "_count", failed, from, to, SCRAPE, OpenMetrics.integral(failedRate, SCRAPE));
        om.sample(family, "summary", family + "_sum", failed, from, to, SCRAPE,
                OpenMetrics.integral(t -> failedRate.apply(t) == null ? null : failedRate.apply(t) * 0.02, SCRAPE));
        // Its calls to the payments service: the failures are there too, and name it.
        Map<String, String> call = labels("application", "checkout", "namespace", "shop", "pod", "checkout-6f7c9d8b5-abcde",
                "client_name", "payments.shop.svc.cluster.local", "method", "POST", "uri", "/v1/charges", "status", "200",
                "outcome", "SUCCESS");
        String client = "http_client_requests_seconds";
        om.sample(client, "summary", client + "_count", call, from, to, SCRAPE, OpenMetrics.integral(okRate, SCRAPE));
        om.sample(client, "summary", client + "_count", with(call, "status", "503", "outcome", "SERVER_ERROR"), from, to, SCRAPE,
                OpenMetrics.integral(failedRate, SCRAPE));
    }

    private static void cart(OpenMetrics om) {
        Instant from = CART_ALERT.minus(Duration.ofMinutes(75));
        Instant to = CART_ALERT.plus(Duration.ofMinutes(25));
        Instant climb = CART_ALERT.minus(Duration.ofMinutes(30));
        Instant killed = CART_ALERT.plus(Duration.ofMinutes(1));
        Map<String, String> app = labels("namespace", "shop", "pod", CART_POD, "container", "cart", "image", "shop/cart:2.4.1");
        Map<String, String> sibling = with(app, "pod", "cart-7d9f8b6c4-p9m2z");
        om.gauge("container_memory_working_set_bytes", app, from, to, SCRAPE, t -> {
            if (t.isBefore(climb)) {
                return 300.0 * MI;
            }
            if (t.isBefore(killed)) {
                return (300 + 198 * Math.min(1, (t.getEpochSecond() - climb.getEpochSecond()) / 1830.0)) * MI;
            }
            return 140.0 * MI;
        });
        om.gauge("container_memory_working_set_bytes", sibling, from, to, SCRAPE, t -> 250.0 * MI);
        // cAdvisor's pod cgroup (container="") and pause container: never a container's own usage.
        om.gauge("container_memory_working_set_bytes", labels("namespace", "shop", "pod", CART_POD, "container", ""), from, to, SCRAPE,
                t -> 600.0 * MI);
        om.gauge("container_memory_working_set_bytes", labels("namespace", "shop", "pod", CART_POD, "container", "POD"), from, to, SCRAPE,
                t -> 1.0 * MI);
        om.gauge("container_spec_memory_limit_bytes", app, from, to, SCRAPE, t -> 512.0 * MI);
        om.gauge("container_spec_memory_limit_bytes", sibling, from, to, SCRAPE, t -> 512.0 * MI);
        Map<String, String> ksm = labels("namespace", "shop", "pod", CART_POD, "container", "cart", "job", "kube-state-metrics");
        om.sample("kube_pod_container_status_restarts", "counter", "kube_pod_container_status_restarts_total", ksm, from, to, SCRAPE,
                t -> t.isBefore(killed.plusSeconds(15)) ? 0.0 : 1.0);
        om.sample("kube_pod_container_status_restarts", "counter", "kube_pod_container_status_restarts_total",
                with(ksm, "pod", "cart-7d9f8b6c4-p9m2z"), from, to, SCRAPE, t -> 0.0);
        om.gauge("kube_pod_container_status_last_terminated_reason", with(ksm, "reason", "OOMKilled"), from, to, SCRAPE,
                t -> t.isBefore(killed.plusSeconds(15)) ? null : 1.0);
    }

    private static void search(OpenMetrics om) {
        Instant from = SEARCH_ALERT.minus(Duration.ofMinutes(75));
        Instant to = SEARCH_ALERT.plus(Duration.ofMinutes(25));
        Instant busy = SEARCH_ALERT.minus(Duration.ofMinutes(20));
        Map<String, String> c = labels("namespace", "shop", "pod", SEARCH_POD, "container", "search");
        om.counter("container_cpu_usage_seconds", c, from, to, SCRAPE, t -> t.isBefore(busy) ? 0.3 : 0.98);
        om.counter("container_cpu_cfs_periods", c, from, to, SCRAPE, t -> 10.0);
        om.counter("container_cpu_cfs_throttled_periods", c, from, to, SCRAPE, t -> t.isBefore(busy) ? 0.2 : 6.5);
        om.gauge("kube_pod_container_resource_limits", with(c, "resource", "cpu", "unit", "core"), from, to, SCRAPE, t -> 1.0);
        om.gauge("kube_pod_container_resource_limits", with(c, "resource", "memory", "unit", "byte"), from, to, SCRAPE, t -> 1024.0 * MI);
        Map<String, String> http = labels("job", "search", "namespace", "shop", "code", "200", "handler", "/search");
        Instant rise = SEARCH_ALERT.minus(Duration.ofMinutes(25));
        om.counter("http_requests", http, from.minus(Duration.ofDays(1)), to, SCRAPE, t -> {
            if (t.isBefore(from) && t.isAfter(to.minus(Duration.ofDays(1)))) {
                return null;
            }
            return t.isBefore(from) || t.isBefore(rise) ? 100.0 : 150.0;
        });
    }

    private static void catalog(OpenMetrics om) {
        Instant from = CATALOG_ALERT.minus(Duration.ofMinutes(75));
        Instant to = CATALOG_ALERT.plus(Duration.ofMinutes(25));
        Instant yesterday = from.minus(Duration.ofDays(1));
        Instant yesterdayEnd = to.minus(Duration.ofDays(1));
        Function<Instant, Double> rate = t -> {
            if (t.isAfter(yesterdayEnd) && t.isBefore(from)) {
                return null;
            }
            return t.isBefore(CATALOG_SURGE) ? 40.0 : 200.0;
        };
        Map<String, String> base = labels("job", "catalog", "namespace", "web", "handler", "/products");
        om.counter("http_requests", with(base, "code", "200"), yesterday, to, SCRAPE, rate);
        // Share of requests at or under each bucket's bound: calm, then slow under the surge.
        double[] bounds = {0.1, 0.25, 0.5, 1, 2.5};
        double[] calm = {0.9, 0.995, 1, 1, 1};
        double[] slow = {0.3, 0.6, 0.8, 0.95, 0.999};
        String family = "http_request_duration_seconds";
        for (int i = 0; i <= bounds.length; i++) {
            int b = i;
            String le = i == bounds.length ? "+Inf" : String.valueOf(bounds[i]);
            om.sample(family, "histogram", family + "_bucket", with(base, "le", le), yesterday, to, SCRAPE, OpenMetrics.integral(t -> {
                Double r = rate.apply(t);
                if (r == null) {
                    return null;
                }
                double share = b == bounds.length ? 1 : (t.isBefore(CATALOG_SURGE) || t.isBefore(from) ? calm[b] : slow[b]);
                return r * share;
            }, SCRAPE));
        }
        om.sample(family, "histogram", family + "_count", base, yesterday, to, SCRAPE, OpenMetrics.integral(rate, SCRAPE));
        om.sample(family, "histogram", family + "_sum", base, yesterday, to, SCRAPE,
                OpenMetrics.integral(t -> rate.apply(t) == null ? null : rate.apply(t) * 0.1, SCRAPE));
    }

    private static void ordersDb(OpenMetrics om) {
        Instant from = ORDERS_DB_ALERT.minus(Duration.ofMinutes(75));
        Instant to = ORDERS_DB_ALERT.plus(Duration.ofMinutes(25));
        Instant exhausted = ORDERS_DB_ALERT.minus(Duration.ofMinutes(5));
        Map<String, String> orders = labels("instance", ORDERS_DB_INSTANCE, "job", "postgres-exporter", "namespace", "shop",
                "service", "orders-db");
        Map<String, String> billing = labels("instance", "10.4.3.9:9187", "job", "postgres-exporter", "namespace", "shop",
                "service", "billing-db");
        om.gauge("pg_stat_activity_count", with(orders, "datname", "orders", "state", "active"), from, to, SCRAPE,
                t -> t.isBefore(exhausted) ? 20.0 : 95.0);
        om.gauge("pg_stat_activity_count", with(orders, "datname", "orders", "state", "idle"), from, to, SCRAPE, t -> 5.0);
        om.gauge("pg_stat_activity_count", with(billing, "datname", "billing", "state", "active"), from, to, SCRAPE, t -> 8.0);
        om.gauge("pg_settings_max_connections", orders, from, to, SCRAPE, t -> 100.0);
        om.gauge("pg_settings_max_connections", billing, from, to, SCRAPE, t -> 100.0);
        om.gauge("pg_replication_lag_seconds", orders, from, to, SCRAPE, t -> 0.4);
        om.gauge("pg_stat_activity_max_tx_duration", with(orders, "datname", "orders"), from, to, SCRAPE, t -> 2.0);
        om.gauge("pg_database_size_bytes", with(orders, "datname", "orders"), from, to, SCRAPE,
                t -> (14.0 * 1024 + (t.getEpochSecond() - from.getEpochSecond()) / 2.0) * MI);
        Map<String, String> pvc = labels("namespace", "shop", "persistentvolumeclaim", "data-orders-db-0", "job", "kubelet");
        om.gauge("kubelet_volume_stats_capacity_bytes", pvc, from, to, SCRAPE, t -> 20.0 * 1024 * MI);
        om.gauge("kubelet_volume_stats_available_bytes", pvc, from, to, SCRAPE,
                t -> Math.max(0.6 * 1024, 6.0 * 1024 - (t.getEpochSecond() - from.getEpochSecond()) * 1.5) * MI);
    }

    private static void inventory(OpenMetrics om) {
        Instant from = INVENTORY_ALERT.minus(Duration.ofMinutes(75));
        Instant to = INVENTORY_ALERT.plus(Duration.ofMinutes(25));
        Instant spike = INVENTORY_ALERT.minus(Duration.ofSeconds(90));
        Map<String, String> base = labels("job", "inventory", "namespace", "shop", "handler", "/stock");
        om.counter("http_requests", with(base, "code", "200"), from, to, SCRAPE,
                t -> !t.isBefore(spike) && t.isBefore(INVENTORY_RECOVERED) ? 80.0 : 99.98);
        om.counter("http_requests", with(base, "code", "503"), from, to, SCRAPE,
                t -> !t.isBefore(spike) && t.isBefore(INVENTORY_RECOVERED) ? 20.0 : 0.02);
    }

    static Map<String, String> labels(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> map = new HashMap<>(base);
        map.putAll(labels(pairs));
        return map;
    }
}
