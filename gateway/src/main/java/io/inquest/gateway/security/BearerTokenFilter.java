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
 * {@code Authorization: Bearer <token>}. The token is compared in constant time and never logged.
 */
public class BearerTokenFilter {

    private final Optional<byte[]> token;

    public BearerTokenFilter(GatewayConfig config) {
        this.token = config.webhookToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
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

    private static boolean isProtected(String path) {
        return path.startsWith("/webhooks") || path.startsWith("/api");
    }
}
