package io.inquest.notification.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.inquest.notification.NotificationSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * This API is the gateway's read path, not a public one: every route needs the gateway's service
 * credential, {@code Authorization: Bearer <INQUEST_SERVICE_TOKEN>}, configured here as the token
 * or only its SHA-256 ({@code INQUEST_SERVICE_TOKEN_SHA256}). Health, metrics and OpenAPI
 * ({@code /q/*}) are not routes of this API and stay open. Without a credential configured the
 * service starts only when {@code INQUEST_ALLOW_UNAUTHENTICATED=true} (dev mode and tests default to it).
 */
public class ServiceCredentialFilter {

    private final Optional<byte[]> expected;
    private final boolean allowUnauthenticated;

    public ServiceCredentialFilter(NotificationSettings settings) {
        this.expected = settings.serviceTokenSha256().filter(h -> !h.isBlank()).map(ServiceCredentialFilter::parseHash)
                .or(() -> settings.serviceToken().filter(t -> !t.isBlank()).map(t -> sha256(t.trim())));
        this.allowUnauthenticated = settings.allowUnauthenticated();
    }

    void check(@Observes StartupEvent start) {
        if (expected.isEmpty() && !allowUnauthenticated) {
            throw new IllegalStateException("No service credential is configured: set INQUEST_SERVICE_TOKEN (the same as the "
                    + "gateway's) or INQUEST_SERVICE_TOKEN_SHA256 (or, for a machine-local stack only, "
                    + "INQUEST_ALLOW_UNAUTHENTICATED=true)");
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireServiceCredential(ContainerRequestContext request) {
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(expected.get(), sha256(header.substring(7).trim()))) {
            return Optional.empty();
        }
        Response.Status status = Response.Status.UNAUTHORIZED;
        return Optional.of(Response.status(status).type("application/problem+json")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"inquest-internal\"")
                .entity(new ApiProblems.Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(),
                        "This API takes requests from the gateway only: send Authorization: Bearer <INQUEST_SERVICE_TOKEN>."))
                .build());
    }

    private static byte[] parseHash(String text) {
        String hex = text.trim().replaceFirst("(?i)^sha256:", "");
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("inquest.service-token-sha256 (INQUEST_SERVICE_TOKEN_SHA256) must be "
                    + "sha256:<64 hex digits> (printf %s \"$TOKEN\" | sha256sum)");
        }
        return HexFormat.of().parseHex(hex.toLowerCase());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
