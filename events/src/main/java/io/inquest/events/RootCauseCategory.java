package io.inquest.events;

/**
 * The fixed taxonomy of {@link RcaReport#rootCauseCategory()}. Consumers may rely on these wire
 * names; a new category is a contract change.
 */
public enum RootCauseCategory {
    /** Noise: already recovered, flapping, or blamed on an old harmless event. */
    HEALTHY("healthy"),
    /** A change right before the symptom whose mechanism is not identified. */
    CHANGE("change"),
    /** Wrong or missing configuration: an image tag, a probe, an env var, a secret, a host name. */
    CONFIGURATION_ERROR("configuration_error"),
    /** A limit reached: memory, CPU, disk, connections, quota, cluster capacity. */
    RESOURCE_EXHAUSTION("resource_exhaustion"),
    /** The platform under the service: nodes, network, cluster DNS, storage. */
    INFRASTRUCTURE("infrastructure"),
    /** Something the service depends on is failing or unreachable. */
    DEPENDENCY_FAILURE("dependency_failure"),
    /** Demand far above its usual level. */
    TRAFFIC_SURGE("traffic_surge"),
    /** A bug in the service's own code (a crash, an exception, a panic). */
    CODE_DEFECT("code_defect"),
    /** The evidence names no cause. */
    UNKNOWN("unknown");

    private final String wireName;

    RootCauseCategory(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
