package io.inquest.investigation.engine.tools.logs;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Grafana Loki as a second log backend ({@code inquest.sources.loki.*}). The label names follow
 * the usual Kubernetes log shippers (Promtail, Grafana Agent/Alloy).
 */
@ConfigMapping(prefix = "inquest.sources.loki")
public interface LokiSettings {

    /** Loki's HTTP API, e.g. {@code http://loki:3100}; unset, Loki is not read. */
    Optional<URI> url();

    /** Sent as {@code X-Scope-OrgID} to a multi-tenant Loki. */
    Optional<String> tenant();

    @WithDefault("namespace")
    String namespaceLabel();

    @WithDefault("app")
    String appLabel();

    @WithDefault("pod")
    String podLabel();

    @WithDefault("container")
    String containerLabel();

    /**
     * Whether the query keeps only the lines that can report a failure (a LogQL line filter), so
     * that the lines read are not the first of a busy service's info lines; {@code false} reads every line.
     */
    @WithDefault("true")
    boolean errorLinesOnly();

    /**
     * The stream selector of the ingress controller's logs, read for the lines whose upstream
     * ({@code [namespace-service-port]}, ingress-nginx's format) is the alert's service.
     */
    @WithDefault("{app=~\".*ingress-nginx.*|nginx-ingress.*\"}")
    String ingressSelector();

    /** The label the shipper puts a Kubernetes Service's (or a host's service's) name in, read for a database server's logs. */
    @WithDefault("service")
    String serviceLabel();
}
