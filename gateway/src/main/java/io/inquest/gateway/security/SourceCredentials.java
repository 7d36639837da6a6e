package io.inquest.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;

import io.inquest.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Credentials that come with a source's own payload: Grafana's HMAC-SHA256 signature over the
 * raw body (over {@code <timestamp>:<body>} when the contact point sends a timestamp, which must
 * then be within the replay window) and PagerDuty's {@code routing_key}. Compared in constant
 * time; neither the secret nor what was received is ever logged or echoed.
 */
@ApplicationScoped
public class SourceCredentials {

    private final Optional<byte[]> grafanaSecret;
    private final Optional<byte[]> routingKey;
    private final Duration replayWindow;
    private final Clock clock;

    public SourceCredentials(GatewayConfig config) {
        this.grafanaSecret = config.grafana().hmacSecret().filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
        this.routingKey = config.pagerduty().routingKey().filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8));
        this.replayWindow = config.grafana().replayWindow();
        this.clock = Clock.systemUTC();
    }

    /** The sources that can carry their own credential. */
    public enum Source {
        GRAFANA, PAGERDUTY
    }

    public boolean grafanaSigned() {
        return grafanaSecret.isPresent();
    }

    /** Whether the gateway has the credential {@code source} brings (so its requests need no bearer token). */
    public boolean configured(Source source) {
        return switch (source) {
            case GRAFANA -> grafanaSecret.isPresent();
            case PAGERDUTY -> routingKey.isPresent();
        };
    }

    /** @throws UnauthenticatedException when a secret is configured and the signature does not match */
    public void verifyGrafana(byte[] body, String signature, String timestamp) {
        if (grafanaSecret.isEmpty()) {
            return;
        }
        if (signature == null || signature.isBlank()) {
            throw new UnauthenticatedException("Grafana webhooks must be signed: configure the contact point's HMAC "
                    + "signature with INQUEST_GRAFANA_HMAC_SECRET.");
        }
        byte[] expected = hmac(grafanaSecret.get(), timestamp, body);
        byte[] received;
        try {
            received = HexFormat.of().parseHex(signature.trim().toLowerCase(Locale.ROOT).replaceFirst("^sha256=", ""));
        } catch (IllegalArgumentException notHex) {
            throw new UnauthenticatedException("The Grafana signature is not a hex HMAC-SHA256.");
        }
        if (!MessageDigest.isEqual(expected, received)) {
            throw new UnauthenticatedException("The Grafana signature does not match the body and INQUEST_GRAFANA_HMAC_SECRET.");
        }
        if (timestamp != null && !timestamp.isBlank()) {
            requireFresh(timestamp.trim());
        }
    }

    /** @throws UnauthenticatedException when a routing key is configured and the event does not carry it */
    public void verifyPagerDuty(JsonNode event) {
        if (routingKey.isEmpty()) {
            return;
        }
        JsonNode key = event == null ? null : event.get("routing_key");
        if (key == null || !key.isTextual()
                || !MessageDigest.isEqual(routingKey.get(), key.asText().getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthenticatedException("The routing_key is not the configured INQUEST_PAGERDUTY_ROUTING_KEY.");
        }
    }

    private void requireFresh(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new UnauthenticatedException("The signature timestamp is not Unix seconds.");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (age.compareTo(replayWindow) > 0) {
            throw new UnauthenticatedException("The signed timestamp is outside the replay window of " + replayWindow
                    + "; a replayed or delayed request is refused.");
        }
    }

    static byte[] hmac(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            if (timestamp != null && !timestamp.isBlank()) {
                mac.update((timestamp.trim() + ":").getBytes(StandardCharsets.UTF_8));
            }
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
