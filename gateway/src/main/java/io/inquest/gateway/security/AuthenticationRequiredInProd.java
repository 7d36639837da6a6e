package io.inquest.gateway.security;

import org.jboss.logging.Logger;

import io.inquest.gateway.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A production gateway that anyone on the network can page investigations into is a mistake:
 * with no credential at all it refuses to start. With only a source's own credential (Grafana's
 * secret, PagerDuty's key) it starts, and says that every other route refuses every request.
 * An invalid {@code INQUEST_TOKENS} stops it here too, with the entry and the rule.
 */
@ApplicationScoped
class AuthenticationRequiredInProd {

    private static final Logger LOG = Logger.getLogger(AuthenticationRequiredInProd.class);

    void check(@Observes StartupEvent start, GatewayConfig config, ApiTokens tokens, OidcCredentials oidc) {
        boolean token = tokens.configured() || oidc.enabled();
        boolean sourceCredential = config.grafana().hmacSecret().filter(s -> !s.isBlank()).isPresent()
                || config.pagerduty().routingKey().filter(k -> !k.isBlank()).isPresent();
        if (tokens.configured()) {
            LOG.infof("bearer tokens accepted: %s", String.join(", ", tokens.describe()));
        }
        if (oidc.enabled()) {
            LOG.infof("OIDC access tokens accepted; their scopes are the roles prefixed '%s'", oidc.scopePrefix());
        }
        if (config.serviceToken().filter(t -> !t.isBlank()).isEmpty() && !config.allowUnauthenticated()) {
            LOG.warn("No INQUEST_SERVICE_TOKEN: the investigation- and notification-services refuse the gateway's "
                    + "read path unless they run with INQUEST_ALLOW_UNAUTHENTICATED=true");
        }
        if (config.allowUnauthenticated()) {
            if (!token) {
                LOG.warn("INQUEST_ALLOW_UNAUTHENTICATED=true and no token: the API and the webhooks without their own "
                        + "credential take anonymous requests (a machine-local stack only)");
            }
            return;
        }
        if (!token && !sourceCredential) {
            throw new IllegalStateException("No webhook authentication is configured: set INQUEST_TOKENS (or the legacy "
                    + "INQUEST_WEBHOOK_TOKEN, or OIDC), INQUEST_GRAFANA_HMAC_SECRET or INQUEST_PAGERDUTY_ROUTING_KEY (or, for a "
                    + "machine-local stack only, INQUEST_ALLOW_UNAUTHENTICATED=true)");
        }
        if (!token) {
            LOG.warn("No INQUEST_TOKENS and no OIDC: only the webhooks with their own credential (Grafana's signature, PagerDuty's "
                    + "routing key) take requests; the API and the other webhooks refuse every request");
        }
    }
}
