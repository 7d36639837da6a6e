package io.inquest.gateway;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Gateway settings; each is also an environment variable ({@code INQUEST_WEBHOOK_TOKEN}, ...). */
@ConfigMapping(prefix = "inquest")
public interface GatewayConfig {

    /** When set, webhooks and the API require {@code Authorization: Bearer <token>}. */
    @WithName("webhook-token")
    Optional<String> webhookToken();

    /** How long to wait for Kafka to acknowledge a request before answering 503. */
    @WithName("publish-timeout")
    @WithDefault("5s")
    Duration publishTimeout();

    /** The investigation-service, read by the public API ({@code INQUEST_INVESTIGATION_SERVICE_URL}). */
    @WithName("investigation-service")
    Upstream investigationService();

    /** The notification-service, read by the public API ({@code INQUEST_NOTIFICATION_SERVICE_URL}). */
    @WithName("notification-service")
    Upstream notificationService();

    interface Upstream {
        /** Base URL, e.g. {@code http://localhost:8081}. */
        String url();
    }

    /** The {@code Retry-After} sent with a 503. */
    @WithName("retry-after")
    @WithDefault("10s")
    Duration retryAfter();
}
