package io.inquest.investigation.engine;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What kind of trouble an alert reports, read from its name, labels, annotations and expression. */
public enum Symptom {
    OOM_KILLED("out-of-memory kill", "oom ?kill|oomkilled|out of memory"),
    CRASH_LOOP("crash loop", "crash ?loop|backoff|restart(s|ing)? |container.*restart|kube_pod_container_status_restarts"),
    MEMORY_SATURATION("memory saturation", "memory|heap|\\bmem\\b|rss"),
    CPU_SATURATION("CPU saturation", "\\bcpu\\b|throttl|load average"),
    DISK_SATURATION("disk saturation", "disk|filesystem|volume|inode|\\bfs\\b"),
    REPLICATION_LAG("replication lag", "replica(tion)? ?lag|replication|standby"),
    QUEUE_BACKLOG("queue backlog", "backlog|consumer ?lag|queue|kafka.*lag"),
    CERTIFICATE_EXPIRY("certificate expiry", "cert(ificate)?|tls|ssl"),
    LATENCY("latency", "latency|slow|p9[059]|duration|response time"),
    ERROR_RATE("error rate", "error|5xx|failure|failed|exception"),
    AVAILABILITY("availability", "down|unavailable|unreachable|\\bup\\b|probe|health"),
    UNKNOWN("unclassified symptom", "$^");

    private final String label;
    private final Pattern words;

    Symptom(String label, String regex) {
        this.label = label;
        this.words = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    public String label() {
        return label;
    }

    public boolean isResourceExhaustion() {
        return this == OOM_KILLED || this == MEMORY_SATURATION || this == CPU_SATURATION || this == DISK_SATURATION;
    }

    /**
     * The first symptom, in declaration order (the most specific first), whose words appear in
     * the alert's texts; {@code UNKNOWN} when none do.
     */
    public static Symptom classify(List<String> texts) {
        String all = String.join(" \n ", texts).toLowerCase(Locale.ROOT);
        for (Symptom symptom : values()) {
            if (symptom.words.matcher(all).find()) {
                return symptom;
            }
        }
        return UNKNOWN;
    }
}
