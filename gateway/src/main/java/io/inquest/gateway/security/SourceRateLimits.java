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
 * per known source and no more; and the check runs after {@link AccessFilter}, so requests
 * without a credential do not use up a sender's budget. (SmallRye Fault Tolerance's
 * {@code @RateLimit} is a fixed window per method with per-method config keys; one bucket per
 * source with two settings is what operators asked for.)
 */
public class SourceRateLimits {

    private final Map<RateLimited.Source, TokenBucket> buckets = new EnumMap<>(RateLimited.Source.class);
    private final int perSecond;
    private final int smtpTestsPerMinute;

    public SourceRateLimits(GatewayConfig config) {
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
        long waitNanos = buckets.get(limited.value()).take(System.nanoTime());
        if (waitNanos == 0) {
            return Optional.empty();
        }
        long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        String detail = limited.value() == RateLimited.Source.SMTP_TEST
                ? "More than " + smtpTestsPerMinute + " SMTP test emails per minute; none was sent. Retry after " + retryAfter + " s."
                : "More than " + perSecond + " requests per second from " + limited.value().wireName()
                        + "; nothing was published. Retry after " + retryAfter + " s.";
        return Optional.of(Response.fromResponse(Problem.of(Response.Status.TOO_MANY_REQUESTS, detail).toResponse())
                .header(HttpHeaders.RETRY_AFTER, retryAfter).build());
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
