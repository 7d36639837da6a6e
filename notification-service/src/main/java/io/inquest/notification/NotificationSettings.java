package io.inquest.notification;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** The {@code inquest.*} settings of the notification-service (SMTP has its own {@code smtp.*} keys). */
@ConfigMapping(prefix = "inquest")
public interface NotificationSettings {

    /**
     * The gateway's address as people reach it: the email's "View in console" button links to the
     * investigation's console page, {@code <public-url>/investigations/<id>}.
     */
    @WithDefault("http://localhost:8080")
    @NotBlank
    String publicUrl();

    Delivery delivery();

    /**
     * The gateway's service credential, which this service's API requires
     * ({@code Authorization: Bearer <INQUEST_SERVICE_TOKEN>}); see {@link #serviceTokenSha256()}.
     */
    @WithName("service-token")
    Optional<String> serviceToken();

    /** Only the SHA-256 of the service token ({@code sha256:<hex>}), so the token itself need not be here. */
    @WithName("service-token-sha256")
    Optional<String> serviceTokenSha256();

    /** Lets the API run without a service credential: a machine-local stack only (dev mode and tests default to it). */
    @WithName("allow-unauthenticated")
    @WithDefault("false")
    boolean allowUnauthenticated();

    interface Delivery {

        /**
         * The safety net: how often due deliveries are looked for besides the wake-ups (deliveries
         * recorded, a retry due, a claim run out); the scheduler allows 1s at least.
         */
        @WithDefault("30s")
        Duration pollInterval();

        /** Attempts before a transiently failing delivery is given up as failed. */
        @WithDefault("10")
        @Min(1)
        int maxAttempts();

        /** The wait before the first retry; it doubles on each attempt, with jitter. */
        @WithDefault("2s")
        Duration retryInitial();

        /** The longest wait between two attempts. */
        @WithDefault("5m")
        Duration retryMax();

        /** How long a claimed delivery is reserved for the instance sending it. */
        @WithDefault("2m")
        Duration claim();

        /** Deliveries sent at once per pass. */
        @WithDefault("20")
        @Min(1)
        int batch();
    }
}
