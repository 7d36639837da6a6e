package io.inquest.investigation.engine.tools.kubernetes;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/**
 * The Kubernetes source ({@code inquest.sources.kubernetes.*}). Where the API server is and how to
 * authenticate is the Kubernetes client's own configuration ({@code quarkus.kubernetes-client.*}:
 * in-cluster service account, kubeconfig, or {@code api-server-url}).
 */
@ConfigMapping(prefix = "inquest.sources.kubernetes")
public interface KubernetesSettings {

    /**
     * Unset: on when running in a cluster ({@code KUBERNETES_SERVICE_HOST}), when a kubeconfig
     * exists, or when {@code quarkus.kubernetes-client.api-server-url} is set. {@code false}: the
     * kubernetes and logs tools skip the cluster and say so.
     */
    Optional<Boolean> enabled();

    /** How long one API request may take; a slower answer fails the tool call. */
    @WithDefault("5s")
    Duration requestTimeout();

    /** The namespace when the alert names none; unset, the client's (its configuration, kubeconfig or service account), else {@code default}. */
    Optional<String> defaultNamespace();

    /** Events reported at most, Warnings first. */
    @WithDefault("30")
    @Min(1)
    int maxEvents();

    /** Pods of the workload reported at most (the unhealthy first). */
    @WithDefault("30")
    @Min(1)
    int maxPods();

    /** ReplicaSets of a Deployment reported at most (the newest first). */
    @WithDefault("5")
    @Min(1)
    int maxRollouts();

    /** When neither the alert nor the workload's pods name a node, every node is read if there are at most this many. */
    @WithDefault("5")
    @Min(0)
    int maxNodesWhenUnknown();

    /** Other workloads of the namespace reported at most when they are unhealthy (crash-looping, not Ready, Pending). */
    @WithDefault("5")
    @Min(0)
    int maxNeighbours();

    /** In-cluster services named in the workload's env ({@code <service>.<namespace>.svc}) whose state is read. */
    @WithDefault("4")
    @Min(0)
    int maxDependencies();

    /** Nodes whose pods are read to name who holds the capacity a Pending pod lacks. */
    @WithDefault("10")
    @Min(0)
    int maxCapacityNodes();

    /** The cluster's DNS: read whenever the tool runs, since a DNS outage looks like every dependency failing. */
    ClusterDns clusterDns();

    interface ClusterDns {

        /** Where the DNS pods run; empty disables the read. */
        @WithDefault("kube-system")
        String namespace();

        /** The DNS pods' label selector: {@code k8s-app=kube-dns} covers CoreDNS and kube-dns. */
        @WithDefault("k8s-app=kube-dns")
        String selector();

        /** The DNS Service, whose ClusterIP is the resolver in every pod's resolv.conf. */
        @WithDefault("kube-dns")
        String service();

        /** Lines of a crash-looping DNS pod's previous log read to quote why it exits. */
        @WithDefault("20")
        @Min(0)
        int logLines();
    }
}
