package io.inquest.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void aBurstIsGrantedThenTheNextWaitsForTheRefill() {
        SourceRateLimits.TokenBucket bucket = new SourceRateLimits.TokenBucket(10, 3);
        long now = System.nanoTime();
        assertThat(bucket.take(now)).isZero();
        assertThat(bucket.take(now)).isZero();
        assertThat(bucket.take(now)).isZero();
        long wait = bucket.take(now);
        assertThat(wait).as("a tenth of a second at 10/s").isBetween(1L, 100_000_000L);
        assertThat(bucket.take(now + 100_000_000L)).as("refilled after the wait").isZero();
    }

    @Test
    void onlyPostsToWebhooksAndSubmissionsAreLimitedPerSource() {
        assertThat(SourceRateLimits.sourceOf("POST", "/webhooks/alertmanager")).isEqualTo("alertmanager");
        assertThat(SourceRateLimits.sourceOf("POST", "/api/investigations")).isEqualTo("api");
        assertThat(SourceRateLimits.sourceOf("GET", "/api/investigations")).isNull();
        assertThat(SourceRateLimits.sourceOf("POST", "/api/investigations/inq-1/cancel")).isNull();
    }
}
