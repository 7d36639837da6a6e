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
 * Webhooks and the API require {@code Authorization: Bearer <INQUEST_WEBHOOK_TOKEN>}, except where
 * a source brings its own credential (Grafana signatures, PagerDuty routing keys). Fail-closed: a
 * route that no configured credential covers refuses every request, unless
 * {@code INQUEST_ALLOW_UNAUTHENTICATED=true} opens it (a machine-local stack). The token is
 * compared in constant time and never logged.
 */
public class BearerTokenFilter {

    private final Optional<byte[]> token;
    private final boolean grafanaSigned;
    private final boolean pagerDutyKeyed;
    private final boolean allowUnauthenticated;

    public BearerTokenFilter(GatewayConfig config) {
        this.token = config.webhookToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.grafanaSigned = config.grafana().hmacSecret().filter(s -> !s.isBlank()).isPresent();
        this.pagerDutyKeyed = config.pagerduty().routingKey().filter(k -> !k.isBlank()).isPresent();
        this.allowUnauthenticated = config.allowUnauthenticated();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireToken(ContainerRequestContext request) {
        if (!isProtected(request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        if (token.isEmpty()) {
            return allowUnauthenticated ? Optional.empty() : Optional.of(unauthorized("This route needs Authorization: Bearer "
                    + "<token>, and the gateway has no token configured: set INQUEST_WEBHOOK_TOKEN."));
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(token.get(), header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(unauthorized(header == null ? "Send Authorization: Bearer <INQUEST_WEBHOOK_TOKEN>."
                : "The bearer token is not the configured INQUEST_WEBHOOK_TOKEN."));
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"inquest\"").build();
    }

    /** Sources with their own credential (a signature, a routing key) are checked by {@link SourceCredentials}. */
    private boolean isProtected(String path) {
        if (grafanaSigned && path.startsWith("/webhooks/grafana") || pagerDutyKeyed && path.startsWith("/webhooks/pagerduty")) {
            return false;
        }
        return path.startsWith("/webhooks") || path.startsWith("/api");
    }
}
