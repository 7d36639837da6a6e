package io.inquest.investigation.engine;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What every tool shares ({@code inquest.sources.*}): how an alert's labels name its target, and
 * the recorded changes. Each source with a server of its own (Prometheus, Kubernetes, logs) has
 * its settings in its own package.
 */
@ConfigMapping(prefix = "inquest.sources")
public interface SourceSettings {

    Changes changes();

    Labels labels();

    interface Changes {
        /** How far before the alert's start a change is still a suspect. */
        @WithDefault("2h")
        Duration lookBack();

        /**
         * How far before the alert's start changes to other services (a dependency, a broker or
         * database upgrade, shared infrastructure) are read: they explain restarts and errors the
         * alert still counts, or are red herrings to rule out.
         */
        @WithDefault("6h")
        Duration elsewhereLookBack();

        /** Clocks differ: a change stamped slightly after the alert start may still be its cause. */
        @WithDefault("2m")
        Duration clockSkew();
    }

    /** The alert label names that name its target, tried in order (the annotations too, for PagerDuty's custom details). */
    interface Labels {
        @WithDefault("namespace,kubernetes_namespace,k8s_namespace,exported_namespace")
        List<String> namespace();

        @WithDefault("deployment,statefulset,daemonset,workload,app_kubernetes_io_name,app")
        List<String> workload();

        @WithDefault("pod,pod_name,kubernetes_pod_name,exported_pod")
        List<String> pod();

        @WithDefault("container,container_name,exported_container")
        List<String> container();

        @WithDefault("node,kubernetes_node,nodename")
        List<String> node();
    }
}
