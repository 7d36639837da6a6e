package io.inquest.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.inquest.gateway.GatewayConfig;
import io.inquest.gateway.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * When {@code INQUEST_WEBHOOK_TOKEN} is set, webhooks and the API require
 * {@code Authorization: Bearer <token>}, except where a source brings its own credential (Grafana
 * signatures, PagerDuty routing keys). The token is compared in constant time and never logged.
 */
public class BearerTokenFilter {

    private final Optional<byte[]> token;
    private final boolean grafanaSigned;
    private final boolean pagerDutyKeyed;

    public BearerTokenFilter(GatewayConfig config) {
        this.token = config.webhookToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.grafanaSigned = config.grafana().hmacSecret().filter(s -> !s.isBlank()).isPresent();
        this.pagerDutyKeyed = config.pagerduty().routingKey().filter(k -> !k.isBlank()).isPresent();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireToken(ContainerRequestContext request) {
        if (token.isEmpty() || !isProtected(request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(token.get(), header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        String detail = header == null ? "Send Authorization: Bearer <INQUEST_WEBHOOK_TOKEN>."
                : "The bearer token is not the configured INQUEST_WEBHOOK_TOKEN.";
        return Optional.of(Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"inquest\"").build());
    }

    /** Sources with their own credential (a signature, a routing key) are checked by {@link SourceCredentials}. */
    private boolean isProtected(String path) {
        if (grafanaSigned && path.startsWith("/webhooks/grafana") || pagerDutyKeyed && path.startsWith("/webhooks/pagerduty")) {
            return false;
        }
        return path.startsWith("/webhooks") || path.startsWith("/api");
    }
}
