package io.inquest.gateway.security;

import java.lang.reflect.Method;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.inquest.gateway.GatewayConfig;
import io.inquest.gateway.problem.Problem;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A token bucket per alert source (each webhook, and operator submissions), so one noisy
 * Alertmanager cannot starve PagerDuty, and one for SMTP test emails, which go to real inboxes.
 * Per gateway instance: behind a load balancer the limit adds up across instances. The source
 * is the matched route's {@link RateLimited}, never a piece of the path, so there is one bucket
 * per known source and no more.
 *
 * <p>A request takes from its source's bucket only once its credential is checked, so requests
 * without a valid one do not use up a sender's budget (an anonymous flood gets 401s, the sender
 * keeps its 202s). For a bearer token that is this filter running after {@link AccessFilter}. For a
 * webhook whose own credential is configured ({@link OwnCredential}: Grafana's signature over the
 * body, PagerDuty's routing key in it), the credential can only be checked once the body is read,
 * in the resource, so this filter leaves those requests alone and the resource takes from the
 * bucket itself ({@link #take}) right after the check. (SmallRye Fault Tolerance's
 * {@code @RateLimit} is a fixed window per method with per-method config keys; one bucket per
 * source with two settings is what operators asked for.)
 */
public class SourceRateLimits {

    private final Map<RateLimited.Source, TokenBucket> buckets = new EnumMap<>(RateLimited.Source.class);
    private final int perSecond;
    private final int smtpTestsPerMinute;

    private final SourceCredentials sourceCredentials;

    public SourceRateLimits(GatewayConfig config, SourceCredentials sourceCredentials) {
        this.sourceCredentials = sourceCredentials;
        this.perSecond = Math.max(1, config.rateLimit().perSecond());
        int burst = Math.max(1, config.rateLimit().burst());
        this.smtpTestsPerMinute = Math.max(1, config.rateLimit().smtpTestPerMinute());
        for (RateLimited.Source source : RateLimited.Source.values()) {
            buckets.put(source, source == RateLimited.Source.SMTP_TEST
                    ? new TokenBucket(smtpTestsPerMinute / 60.0, smtpTestsPerMinute)
                    : new TokenBucket(perSecond, burst));
        }
    }

    /** The sources that have a bucket. */
    Set<String> sources() {
        return buckets.keySet().stream().map(RateLimited.Source::wireName).collect(Collectors.toUnmodifiableSet());
    }

    @ServerRequestFilter(priority = Priorities.USER)
    public Optional<Response> limit(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        RateLimited limited = method == null ? null : method.getAnnotation(RateLimited.class);
        if (limited == null) {
            return Optional.empty();
        }
        OwnCredential own = method.getAnnotation(OwnCredential.class);
        if (own != null && sourceCredentials.configured(own.value())) {
            return Optional.empty();
        }
        try {
            take(limited.value());
            return Optional.empty();
        } catch (OverLimitException e) {
            return Optional.of(e.toResponse());
        }
    }

    /**
     * Takes one request from {@code source}'s bucket, for a resource that checked the source's own
     * credential first.
     *
     * @throws OverLimitException (429 with {@code Retry-After}) when the bucket is empty
     */
    public void take(RateLimited.Source source) {
        long waitNanos = buckets.get(source).take(System.nanoTime());
        if (waitNanos == 0) {
            return;
        }
        long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        String detail = source == RateLimited.Source.SMTP_TEST
                ? "More than " + smtpTestsPerMinute + " SMTP test emails per minute; none was sent. Retry after " + retryAfter + " s."
                : "More than " + perSecond + " requests per second from " + source.wireName()
                        + "; nothing was published. Retry after " + retryAfter + " s.";
        throw new OverLimitException(detail, retryAfter);
    }

    /** A source over its budget: 429 with {@code Retry-After}. */
    public static class OverLimitException extends RuntimeException {
        private final long retryAfterSeconds;

        OverLimitException(String detail, long retryAfterSeconds) {
            super(detail, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public Response toResponse() {
            return Response.fromResponse(Problem.of(Response.Status.TOO_MANY_REQUESTS, getMessage()).toResponse())
                    .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
        }
    }

    /** Refills continuously at {@code perSecond}; holds at most {@code burst}. */
    static final class TokenBucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long refilledAt;

        TokenBucket(double perSecond, int burst) {
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
