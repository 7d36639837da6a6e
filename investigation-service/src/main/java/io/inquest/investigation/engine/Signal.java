package io.inquest.investigation.engine;

/**
 * The kinds of fact the tools observe, and the attributes each carries (all attribute values are
 * strings; times are ISO-8601 instants, quantities as Kubernetes prints them ({@code 512Mi},
 * {@code 500m}) plus a plain number under a {@code ...Bytes}/{@code ...Cores} key where a rule
 * compares them). A tool emits the abnormal facts it sees, and the healthy ones a rule needs to
 * rule something out (every pod Ready, every node Ready).
 */
public enum Signal {

    // --- the alert and recorded changes ------------------------------------------------------------

    /**
     * A recorded deploy or configuration change. service, kind, version, author, description, link,
     * scope (service: of the alert's service; elsewhere: of another service or shared infrastructure);
     * at = when.
     */
    CHANGE,
    /** Other alerts on the same service near the same time. count, titles ("; "-separated). */
    RELATED_ALERTS,
    /**
     * What the alert itself reports when it carries no expression (Grafana's values, a value in a
     * sender's details): value, var (Grafana's variable), series (its labels), threshold, op,
     * thresholdFrom (where the threshold was read), metric (when it names one), past (true/false).
     */
    ALERT_VALUE,

    // --- Kubernetes ---------------------------------------------------------------------------------

    /**
     * One pod of the workload. namespace, pod, phase, ready (true/false), readySince (when Ready last
     * became True), restarts (sum over containers), node, reason and message (pod.status, e.g. Evicted),
     * owner (the ReplicaSet/StatefulSet), created; at = creationTimestamp.
     */
    POD_STATUS,
    /**
     * A container's termination, current ({@code state=current}, the container is terminated now) or
     * last ({@code state=last}, lastState). namespace, pod, container, reason (OOMKilled, Error,
     * Completed, ContainerCannotRun...), exitCode, signal, message, startedAt, finishedAt, restarts,
     * image, memoryLimit, memoryLimitBytes, memoryRequest, cpuLimit, cpuLimitCores; at = finishedAt.
     */
    CONTAINER_TERMINATED,
    /**
     * A container that is waiting: namespace, pod, container, reason (CrashLoopBackOff,
     * ImagePullBackOff, ErrImagePull, InvalidImageName, CreateContainerConfigError,
     * CreateContainerError, ContainerCreating, PodInitializing), message, restarts, image.
     */
    CONTAINER_WAITING,
    /**
     * A container of the workload's pod template (the current ReplicaSet's, else a pod's): namespace,
     * workload, container, image, memoryLimit, memoryLimitBytes, memoryRequest, cpuLimit, cpuLimitCores,
     * cpuRequest, livenessProbe, readinessProbe, startupProbe (each as "httpGet :8080/health
     * initialDelaySeconds=10 periodSeconds=5 timeoutSeconds=1 failureThreshold=3", absent when none),
     * env (the names of env vars taken from Secrets/ConfigMaps, "NAME from secret/key", ", "-separated),
     * jvmOptions (the JVM memory options it starts with: "-Xms512m -Xmx2g").
     */
    CONTAINER_SPEC,
    /** A pod the scheduler could not place (PodScheduled=False). namespace, pod, reason, message; at = since. */
    POD_UNSCHEDULABLE,
    /**
     * A core/v1 Event about the workload, its pods, its ReplicaSets or its nodes. type (Normal/Warning),
     * reason, message (verbatim), kind and name of the involved object, namespace, count, first, last;
     * at = last (or first).
     */
    EVENT,
    /**
     * A rollout: a ReplicaSet of the workload's Deployment (the newest first). deployment, namespace,
     * replicaSet, revision, image (all containers' images, ", "-separated), previousReplicaSet,
     * previousImage, diff (what changed in the pod template: "image shop/cart:1.4.2 -> shop/cart:1.4.3;
     * memory limit 512Mi -> 256Mi"), replicas, readyReplicas, current (true for the newest); at =
     * the ReplicaSet's creationTimestamp.
     */
    ROLLOUT,
    /**
     * A Deployment or StatefulSet's state. kind, name, namespace, desired, ready, available,
     * unavailable, updated, progressingReason (NewReplicaSetAvailable, ProgressDeadlineExceeded...),
     * progressingMessage, availableStatus; at = the Progressing condition's lastUpdateTime.
     */
    WORKLOAD_STATUS,
    /**
     * A node condition: node, condition (Ready, MemoryPressure, DiskPressure, PIDPressure,
     * NetworkUnavailable), status, reason, message, healthy (true when the condition is as it should
     * be), taints; at = lastTransitionTime. Emitted for the nodes that run the workload's pods (or
     * every node when the alert names one or the workload is not known).
     */
    NODE_CONDITION,
    /**
     * The workload's HorizontalPodAutoscaler: namespace, name, workload, minReplicas, maxReplicas,
     * currentReplicas, desiredReplicas, atMax (true when it cannot add replicas), limitedReason
     * (ScalingLimited's reason, e.g. TooManyReplicas); at = when it became limited.
     */
    AUTOSCALER,
    /** A ResourceQuota's use of one resource: namespace, quota, resource, used, hard, ratio (0..1+). */
    QUOTA_USAGE,
    /** A LimitRange item: namespace, name, type, resource, max, min, default, defaultRequest. */
    LIMIT_RANGE,
    /**
     * The cluster's DNS (CoreDNS/kube-dns pods and their Service): namespace, selector, service,
     * serviceIP, healthy (true/false), pods (names, ", "-separated), ready (count), total, problems
     * (per pod: "coredns-5d78-x2k4 coredns waiting CrashLoopBackOff, last exit code 1, 9 restarts"),
     * logLine (the last error line of a crash-looping pod's previous container, verbatim); at = when
     * the first pod stopped being Ready.
     */
    CLUSTER_DNS,
    /**
     * Another workload of the namespace that is unhealthy (crash-looping, not Ready, Pending, failing
     * probes): namespace, workload, kind (the owner's kind: Deployment, StatefulSet, Job, CronJob...),
     * pods (names), ready, total, reasons (", "-separated: CrashLoopBackOff, not Ready, Pending...),
     * events (its Warning events' messages, "; "-separated, verbatim), restarts; at = earliest problem.
     */
    NEIGHBOUR,
    /**
     * A Service of the namespace whose endpoints have no ready address: namespace, service, clusterIP,
     * selector, ready (0), notReady (addresses not ready), ports.
     */
    SERVICE_ENDPOINTS,
    /**
     * An in-cluster service the workload's configuration names (an env value holding
     * {@code <service>.<namespace>.svc}), as read now: namespace, service, host, env (the variable),
     * configured ("NAME=host"), serviceFound (true/false), clusterIP, readyEndpoints, workload and
     * kind (the Deployment/StatefulSet of that name), ready, total (its pods), available (the
     * Deployment's Available=False reason), problems (its pods', "; "-separated), healthy.
     */
    DEPENDENCY,
    /**
     * Who holds a resource a pod lacks. scope: {@code nodes} (a Pending pod's scheduler shortage:
     * resource (cpu/memory), workload, kind, namespace, pods (count), request (per pod), total,
     * nodes (", "-separated)) or {@code quota} (pods charged to a ResourceQuota: quota, workload,
     * kind, pods, phase, oldest (the oldest pod's start), request); at = the oldest pod's start.
     */
    CAPACITY_HOLDER,

    // --- Prometheus ---------------------------------------------------------------------------------

    /**
     * The alert's own expression around its start: expr, signal (the left-hand side), op, threshold,
     * baseline (before), peak, last (the latest value read), crossedAt (when it first crossed the
     * threshold), recoveredAt (when it went back and stayed back, if it did), firing (true/false at
     * the latest point read), windowEnd; at = crossedAt.
     */
    ALERT_SIGNAL,
    /**
     * A RED or USE signal of the service or of a dependency. scope (service | dependency), of (the
     * service or dependency name), metric (request_rate, error_ratio, latency_p99, cpu_usage,
     * cpu_throttling, memory_usage, restarts), query (the PromQL), baseline, value (around the alert),
     * peak, limit, ratio (value or peak against the limit or baseline), unit, changedAt; at = changedAt.
     */
    METRIC,
    /**
     * Request rate against the same hour's baseline: of, value, baseline, ratio, baselineWindow
     * (e.g. "same hour 1 day earlier"), query; at = when the rate rose.
     */
    TRAFFIC_SURGE,
    /**
     * A database signal (postgres_exporter names). metric (connections, replication_lag, storage,
     * long_transaction), of (the database/instance), value, limit (max_connections, capacity),
     * ratio, baseline, peak, unit, query; at = when it rose.
     */
    DATABASE,
    /** A volume or filesystem filling: of (pvc/mountpoint), availableBytes, capacityBytes, ratio used, query. */
    VOLUME_USAGE,
    /**
     * Many scrape targets of one Prometheus failing at once ({@code up == 0}): prometheus (the
     * instance that scraped: its generator host, its external label, the pod whose dials failed),
     * targets (how many went down), total (targets read), jobs and namespaces (", "-separated),
     * instances, from, to (the last failed scrape), back (when up was 1 again), durationSeconds,
     * recovered (true/false), alertTarget (true when the alert's own target is among them),
     * scrapeDuration (the longest scrape meanwhile, seconds), dialFailures (failed dials of the
     * scraping Prometheus, by reason), firingAlerts (alerts firing at once, by name, from ALERTS);
     * at = from.
     */
    SCRAPE_GAP,

    // --- logs ---------------------------------------------------------------------------------------

    /**
     * A well-known failure signature in the logs. signature (oom, connection_refused,
     * connection_reset, too_many_connections, dns, upstream_error (a call answered 5xx), timeout, disk_full, tls, panic, exception,
     * missing_config, client_abort (the service's own client went away mid-response: Broken pipe on a response write,
     * ClientAbortException, nginx 499; not a dependency failure), and the runtime saturation signatures
     * event_loop_blocked (Node/Vert.x/asyncio event loop blocked or lagging), gc_pressure (long or back-to-back GC
     * pauses), thread_pool_exhausted (RejectedExecutionException, Jetty's "Thread starvation", a worker pool full)),
     * count, first (RFC 3339), relative ("3 min before the alert"), sample (the line that shows it
     * verbatim, followed by " ... " and the record's decisive line when that differs: the last
     * "Caused by:", a traceback's final exception with a validation error's fields, a panic's first
     * frame), pod, container, previous (true when read from the previous container), target
     * (the host or host:port the line names, when it names one); at = first.
     */
    LOG_SIGNATURE,
    /** A group of similar error lines: pattern, count, first, relative, sample, pod, container, previous. */
    LOG_PATTERN,
    /**
     * A group of similar warning lines that match no signature (a consumer-group rebalance, a retry,
     * a reconnect): pattern, count, first, last, relative, sample, pod, container, previous. Ranked
     * below every error; they explain a recovery rather than a failure.
     */
    LOG_WARNING,
    /**
     * A container's start-up as its log tells it. pod, container, previous (true for the previous,
     * killed or crashed, container), completed (true when a framework's start-up completion line was
     * read), seconds (how long the start-up took: the duration the completion line states, else from
     * the container's first line to that line; for one that never completed, how long it ran),
     * completion (that line, verbatim), firstLine, lastLine (the last line before a shutdown, for a
     * container that never completed: what it was doing when it was stopped), step (the migration or
     * start-up step in progress then: "Applying orders.0087_backfill..."); at = its first line.
     */
    STARTUP,
    /**
     * Who and what the requests are, from access logs (the service's own, or the ingress controller's
     * lines for its upstream): of, requests (around the alert), ratePerMinute, baselinePerMinute,
     * ratio, topRoute ("GET /api/items/{id}"), topRouteShare (0..1), topUserAgent, topUserAgentShare,
     * topClient (a /24 or /48 network), topClientShare, statuses ("429=120,504=33"), grew (what grew
     * most: "route GET /x"), upstream; at = the start of the window.
     */
    ACCESS_LOG,
    /**
     * A database server's own log (PostgreSQL, MySQL, Redis). signature (disk_full,
     * too_many_connections, recovery_conflict, replication_slot, checkpoints_too_frequent,
     * replication_stream, archive_failed, or clients), count, first, relative, sample, pod, container,
     * of (the server's pod or scope); for clients: top, topCount, refused, authorized, hosts
     * ("user app on database shop x40, ..."); at = first.
     */
    DATABASE_LOG,
    /** How much a workload logs: of, lines, linesPerMinute, debugShare (DEBUG and TRACE, 0..1), pods, levels. */
    LOG_VOLUME
}
