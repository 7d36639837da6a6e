package io.inquest.investigation.engine.tools.prometheus;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The Prometheus source ({@code inquest.sources.prometheus.*}, or {@code INQUEST_SOURCES_PROMETHEUS_*}).
 * The metric and label names default to the common conventions: kube-state-metrics, cAdvisor,
 * Micrometer's {@code http_server_requests_seconds}, {@code http_requests_total}, postgres_exporter,
 * node_exporter and the kubelet's volume statistics.
 */
@ConfigMapping(prefix = "inquest.sources.prometheus")
public interface PrometheusSettings {

    /**
     * The Prometheus HTTP API, e.g. {@code http://prometheus:9090}; unset, the tool is skipped and
     * says so. The PromQL of an alert's generator link is only ever sent here, never to the host
     * the link names.
     */
    Optional<URI> url();

    /** How far before the alert's start the signals are read (their baseline, when they changed). */
    @WithDefault("1h")
    Duration lookBack();

    /** How far after the alert's start they are read (recovered? still firing?), bounded by now. */
    @WithDefault("20m")
    Duration lookAhead();

    /** The finest step of the wide read; coarser only when the window would exceed {@link #maxPoints()}. */
    @WithDefault("15s")
    Duration step();

    /** The step of the second, close read of the alert's own signal around its start, so a short spike shows. */
    @WithDefault("5s")
    Duration fineStep();

    /** Points per series and read at most (Prometheus itself refuses more than 11,000). */
    @WithDefault("1000")
    @Min(value = 10, message = "INQUEST_SOURCES_PROMETHEUS_MAX_POINTS must be at least 10")
    @Max(value = 11000, message = "INQUEST_SOURCES_PROMETHEUS_MAX_POINTS must be at most 11000 (Prometheus' own limit)")
    int maxPoints();

    /** The range of the rate() the tool's own queries take: at least two scrape intervals. */
    @WithDefault("2m")
    Duration rateWindow();

    /** Each query's time limit. */
    @WithDefault("5s")
    Duration timeout();

    /** All reads of one tool call together; reads not begun by then are given up and said so. */
    @WithDefault("20s")
    Duration budget();

    /** Queries of one tool call in flight at once. */
    @WithDefault("4")
    @Min(value = 1, message = "INQUEST_SOURCES_PROMETHEUS_CONCURRENCY must be at least 1")
    @Max(value = 32, message = "INQUEST_SOURCES_PROMETHEUS_CONCURRENCY must be at most 32")
    int concurrency();

    /** A request rate this many times the same hour's baseline is a traffic surge. */
    @WithDefault("3")
    double surgeRatio();

    /**
     * A baseline below this many requests per second is taken as this many: from nearly nothing,
     * a handful of requests is no surge.
     */
    @WithDefault("1")
    double surgeMinRate();

    /**
     * The services each service depends on, read like the service itself: {@code
     * inquest.sources.prometheus.topology.checkout=payments,orders-db}.
     */
    Map<String, List<String>> topology();

    Labels labels();

    Metrics metrics();

    /** The label names on the series (not on the alert: those are {@code inquest.sources.labels.*}). */
    interface Labels {

        /** The labels that name a service on HTTP series, tried in order. */
        @WithDefault("service,app,application,job,app_kubernetes_io_name,ingress,destination_workload")
        List<String> service();

        @WithDefault("namespace")
        String namespace();

        @WithDefault("pod")
        String pod();

        @WithDefault("container")
        String container();

        /**
         * The pods of a workload: {@code %s} is the workload's name. The default matches Deployment
         * ({@code cart-7d9f8b6c4-x2k4q}), DaemonSet ({@code agent-x2k4q}) and StatefulSet ({@code db-0}) pods.
         */
        @WithDefault("%s-([a-z0-9]{6,10}-)?[a-z0-9]{5}|%s-[0-9]+")
        String podPattern();

        /** Alert labels that name a service this one depends on (a value may be a host or host:port). */
        @WithDefault("dependency,upstream,peer_service,db,target,database,destination_service")
        List<String> dependency();

        /** The HTTP status label, tried in order; a 5xx value is an error. */
        @WithDefault("status,code,status_code,response_code,http_status_code,http_response_status_code")
        List<String> status();

        /** The labels that name the service a client call went to, tried in order. */
        @WithDefault("clientName,client_name,peer_service,server_address,net_peer_name")
        List<String> peer();

        /** Micrometer's outcome label, used when no status label is there. */
        @WithDefault("outcome")
        String outcome();

        /** The labels that identify one database server on postgres_exporter series. */
        @WithDefault("namespace,service,pod,instance,job,server,cluster")
        List<String> databaseServer();
    }

    /** Metric names. */
    interface Metrics {

        /**
         * The request counters a service may export, tried in order, each as {@code counter} or
         * {@code counter:histogram} (the latency histogram's base name: its {@code _bucket}, else its
         * 0.99 {@code quantile}, else {@code _sum}/{@code _count}; a name ending in
         * {@code _milliseconds} is in milliseconds). The defaults: Micrometer, the Prometheus client
         * libraries' {@code http_requests_total}, Express/prom-client, prometheus-net, ingress-nginx,
         * django-prometheus, OpenTelemetry, Istio.
         */
        @WithDefault("http_server_requests_seconds_count:http_server_requests_seconds,"
                + "http_requests_total:http_request_duration_seconds,"
                + "http_request_duration_seconds_count:http_request_duration_seconds,"
                + "http_requests_received_total:http_request_duration_seconds,"
                + "http_server_request_duration_seconds_count:http_server_request_duration_seconds,"
                + "django_http_responses_total_by_status_view_method:django_http_requests_latency_seconds_by_view_method,"
                + "nginx_ingress_controller_requests:nginx_ingress_controller_request_duration_seconds,"
                + "istio_requests_total:istio_request_duration_milliseconds")
        List<String> httpRequests();

        /**
         * The counters of the calls a service makes to others (Micrometer's and OpenTelemetry's
         * HTTP clients), tried in order: a dependency failing shows first in its callers' calls.
         */
        @WithDefault("http_client_requests_seconds_count,http_client_request_duration_seconds_count")
        List<String> httpClientRequests();

        @WithDefault("container_cpu_usage_seconds_total")
        String cpuUsage();

        @WithDefault("container_cpu_cfs_throttled_periods_total")
        String cpuThrottledPeriods();

        @WithDefault("container_cpu_cfs_periods_total")
        String cpuPeriods();

        @WithDefault("container_spec_cpu_quota")
        String cpuQuota();

        @WithDefault("container_spec_cpu_period")
        String cpuPeriod();

        @WithDefault("container_memory_working_set_bytes")
        String memoryWorkingSet();

        @WithDefault("container_spec_memory_limit_bytes")
        String memoryLimit();

        /** kube-state-metrics' limits, with a {@code resource} label ({@code cpu}, {@code memory}). */
        @WithDefault("kube_pod_container_resource_limits")
        String resourceLimits();

        @WithDefault("kube_pod_container_status_restarts_total")
        String restarts();

        @WithDefault("kube_pod_container_status_last_terminated_reason")
        String lastTerminatedReason();

        @WithDefault("pg_stat_activity_count")
        String pgConnections();

        @WithDefault("pg_settings_max_connections")
        String pgMaxConnections();

        /** The first that has series is read. */
        @WithDefault("pg_replication_lag_seconds,pg_replication_lag")
        List<String> pgReplicationLag();

        @WithDefault("pg_database_size_bytes")
        String pgDatabaseSize();

        @WithDefault("pg_stat_activity_max_tx_duration")
        String pgMaxTransactionDuration();

        @WithDefault("kubelet_volume_stats_available_bytes")
        String volumeAvailable();

        @WithDefault("kubelet_volume_stats_capacity_bytes")
        String volumeCapacity();

        @WithDefault("node_filesystem_avail_bytes")
        String filesystemAvailable();

        @WithDefault("node_filesystem_size_bytes")
        String filesystemSize();

        /** Whether a scrape of a target succeeded (1) or failed (0), as Prometheus records it. */
        @WithDefault("up")
        String up();

        /** The scraping Prometheus' own failed connections, with a {@code reason} label (refused, timeout). */
        @WithDefault("net_conntrack_dialer_conn_failed_total")
        String scrapeDialFailures();

        /**
         * Runtime saturation gauges a service exports, each as {@code kind:metric}: the event loop's
         * lag (Node.js prom-client, Vert.x), the Go scheduler and goroutines, the JVM's GC pauses
         * and the process' CPU (Micrometer), busy threads of a pool. The first metric of a kind
         * that has series is read; {@code kind:metric/capacity} reads it against a capacity (busy
         * threads against the pool's maximum). A kind's unit and how it is judged are in {@code RuntimeSignals}.
         */
        @WithDefault("event_loop_lag:nodejs_eventloop_lag_p99_seconds,"
                + "event_loop_lag:nodejs_eventloop_lag_seconds,"
                + "event_loop_lag:nodejs_eventloop_lag_max_seconds,"
                + "event_loop_lag:vertx_eventloop_delay_seconds,"
                + "gc_pause:jvm_gc_pause_seconds_sum,"
                + "process_cpu:process_cpu_usage,"
                + "goroutines:go_goroutines,"
                + "scheduler_latency:go_sched_latencies_seconds_bucket,"
                + "busy_threads:executor_active_threads/executor_pool_max_threads,"
                + "busy_threads:tomcat_threads_busy_threads/tomcat_threads_config_max_threads")
        List<String> runtime();
    }
}
