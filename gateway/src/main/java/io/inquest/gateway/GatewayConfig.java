package io.inquest.gateway;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Gateway settings; each is also an environment variable ({@code INQUEST_WEBHOOK_TOKEN}, ...). */
@ConfigMapping(prefix = "inquest")
public interface GatewayConfig {

    /**
     * The legacy single token (plain): a bearer token with every scope. Prefer {@link #tokens()}, which
     * names each sender, gives it only the scopes it needs, and keeps only a hash in configuration.
     */
    @WithName("webhook-token")
    Optional<String> webhookToken();

    /**
     * Named, scoped bearer tokens as SHA-256 hashes ({@code INQUEST_TOKENS}): entries
     * {@code <name>:<scope>[,<scope>...]:sha256:<hex>} separated by {@code ;} or new lines; scopes are
     * {@code ingest}, {@code read}, {@code operate}, {@code admin}.
     */
    Optional<String> tokens();

    /** How long to wait for Kafka to acknowledge a request before answering 503. */
    @WithName("publish-timeout")
    @WithDefault("5s")
    Duration publishTimeout();

    /**
     * The service credential the gateway presents to the investigation- and notification-services
     * ({@code Authorization: Bearer <INQUEST_SERVICE_TOKEN>}); they refuse API calls without it.
     */
    @WithName("service-token")
    Optional<String> serviceToken();

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

    /** Grafana's HMAC-SHA256 signatures ({@code INQUEST_GRAFANA_HMAC_SECRET} and friends). */
    Grafana grafana();

    /** PagerDuty Events API v2 senders. */
    PagerDuty pagerduty();

    /**
     * Lets the {@code prod} profile start with no webhook authentication at all. Only for a
     * machine-local stack; a deployment sets a token, an HMAC secret or a routing key instead.
     */
    @WithName("allow-unauthenticated")
    @WithDefault("false")
    boolean allowUnauthenticated();

    /** How OIDC access tokens map to Inquest scopes (when OIDC is on: {@code QUARKUS_OIDC_TENANT_ENABLED=true}). */
    Oidc oidc();

    interface Oidc {
        /**
         * Only role-claim values with this prefix are Inquest scopes ({@code inquest:read}): a bare
         * {@code admin} in a provider shared by many applications grants nothing here.
         */
        @WithName("scope-prefix")
        @WithDefault("inquest:")
        String scopePrefix();
    }

    /** Requests per second each source may send; more get 429 with {@code Retry-After}. */
    @WithName("rate-limit")
    RateLimit rateLimit();

    interface RateLimit {
        /** Sustained requests per second per source ({@code alertmanager}, {@code grafana}, ..., {@code api}). */
        @WithName("per-second")
        @WithDefault("50")
        int perSecond();

        /** How many may come at once after a quiet spell. */
        @WithDefault("100")
        int burst();

        /** SMTP test emails per minute, per gateway instance: each one is a real email to a real address. */
        @WithName("smtp-test-per-minute")
        @WithDefault("6")
        int smtpTestPerMinute();
    }

    interface Grafana {
        /** When set, {@code /webhooks/grafana} requires a valid signature (and no bearer token). */
        @WithName("hmac-secret")
        Optional<String> hmacSecret();

        /** The header Grafana puts the hex signature in. */
        @WithName("signature-header")
        @WithDefault("X-Grafana-Alerting-Signature")
        String signatureHeader();

        /** The header with the Unix timestamp, when the contact point is set to send one. */
        @WithName("timestamp-header")
        @WithDefault("X-Grafana-Alerting-Signature-Timestamp")
        String timestampHeader();

        /** How old (or how far ahead) a signed timestamp may be before it is a replay. */
        @WithName("replay-window")
        @WithDefault("5m")
        Duration replayWindow();
    }

    interface PagerDuty {
        /** When set, {@code /webhooks/pagerduty} requires this {@code routing_key} (and no bearer token). */
        @WithName("routing-key")
        Optional<String> routingKey();
    }

    /**
     * Event streams ({@code GET /api/investigations/{id}/events}) one gateway keeps open at once;
     * beyond it a new one is refused with 503 and {@code Retry-After}.
     */
    @WithName("max-event-streams")
    @WithDefault("200")
    int maxEventStreams();

    /** Listing and replaying the dead-letter topics ({@code /api/dead-letters}). */
    @WithName("dead-letters")
    DeadLetters deadLetters();

    interface DeadLetters {
        /** Records listed per topic when the request names no {@code limit}. */
        @WithName("default-limit")
        @WithDefault("50")
        int defaultLimit();

        /** The most records one listing or one replay reads from a topic. */
        @WithName("max-records")
        @WithDefault("1000")
        int maxRecords();

        /** How many bytes of each value a listing shows. */
        @WithName("preview-bytes")
        @WithDefault("512")
        int previewBytes();

        /** How long one listing or replay may spend reading a topic or waiting for Kafka's acknowledgement. */
        @WithName("timeout")
        @WithDefault("10s")
        Duration timeout();
    }

    /** The web console ({@code /}). */
    Console console();

    interface Console {
        /**
         * How long a console sign-in lasts ({@code INQUEST_CONSOLE_SIGN_IN_LASTS}): the browser keeps the
         * token in its cookie this long, then asks for it again.
         */
        @WithName("sign-in-lasts")
        @WithDefault("12h")
        Duration signInLasts();
    }

    /** The {@code Retry-After} sent with a 503. */
    @WithName("retry-after")
    @WithDefault("10s")
    Duration retryAfter();
}
