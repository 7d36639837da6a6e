package io.inquest.gateway.security;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.inquest.gateway.GatewayConfig;
import io.inquest.gateway.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A token bucket per alert source (each webhook, and operator submissions), so one noisy
 * Alertmanager cannot starve PagerDuty. Per gateway instance: behind a load balancer the limit
 * adds up across instances. (SmallRye Fault Tolerance's {@code @RateLimit} is a fixed window per
 * method with per-method config keys; one bucket per source with two settings is what operators
 * asked for.)
 */
public class SourceRateLimits {

    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final int perSecond;
    private final int burst;

    public SourceRateLimits(GatewayConfig config) {
        this.perSecond = Math.max(1, config.rateLimit().perSecond());
        this.burst = Math.max(1, config.rateLimit().burst());
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request) {
        String source = sourceOf(request.getMethod(), request.getUriInfo().getPath());
        if (source == null) {
            return Optional.empty();
        }
        long waitNanos = buckets.computeIfAbsent(source, s -> new TokenBucket(perSecond, burst)).take(System.nanoTime());
        if (waitNanos == 0) {
            return Optional.empty();
        }
        long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return Optional.of(Response.fromResponse(Problem.of(Response.Status.TOO_MANY_REQUESTS,
                "More than " + perSecond + " requests per second from " + source + "; nothing was published. Retry after "
                        + retryAfter + " s.").toResponse()).header(HttpHeaders.RETRY_AFTER, retryAfter).build());
    }

    static String sourceOf(String method, String path) {
        if (!"POST".equals(method)) {
            return null;
        }
        if (path.startsWith("/webhooks/")) {
            String rest = path.substring("/webhooks/".length());
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash);
        }
        return "/api/investigations".equals(path) ? "api" : null;
    }

    /** Refills continuously at {@code perSecond}; holds at most {@code burst}. */
    static final class TokenBucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long refilledAt;

        TokenBucket(int perSecond, int burst) {
            this.perNano = perSecond / 1e9;
            this.capacity = burst;
            this.tokens = burst;
            this.refilledAt = System.nanoTime();
        }

        /** Takes one token: 0 when granted, else how long until one is there. */
        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
