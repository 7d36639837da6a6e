package io.inquest.gateway.security;

import io.inquest.gateway.GatewayConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A production gateway that anyone on the network can page investigations into is a mistake: refuse to start. */
@ApplicationScoped
class AuthenticationRequiredInProd {

    void check(@Observes StartupEvent start, GatewayConfig config) {
        boolean anyCredential = config.webhookToken().filter(t -> !t.isBlank()).isPresent()
                || config.grafana().hmacSecret().filter(s -> !s.isBlank()).isPresent()
                || config.pagerduty().routingKey().filter(k -> !k.isBlank()).isPresent();
        if (LaunchMode.current() == LaunchMode.NORMAL && !anyCredential && !config.allowUnauthenticated()) {
            throw new IllegalStateException("No webhook authentication is configured: set INQUEST_WEBHOOK_TOKEN, "
                    + "INQUEST_GRAFANA_HMAC_SECRET or INQUEST_PAGERDUTY_ROUTING_KEY (or, for a machine-local stack only, "
                    + "INQUEST_ALLOW_UNAUTHENTICATED=true)");
        }
    }
}
