package io.inquest.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.inquest.gateway.api.SmtpApiResource;
import io.inquest.gateway.intake.WebhookResource;
import jakarta.ws.rs.POST;

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
    void aSlowBucketRefillsOncePerItsPeriod() {
        SourceRateLimits.TokenBucket bucket = new SourceRateLimits.TokenBucket(6 / 60.0, 1);
        long now = System.nanoTime();
        assertThat(bucket.take(now)).isZero();
        assertThat(bucket.take(now)).as("ten seconds at 6 a minute").isBetween(9_000_000_000L, 10_000_000_000L);
    }

    @Test
    void everyWebhookHasASourceOfItsOwnAndTheSmtpTestEmailIsLimited() throws Exception {
        List<RateLimited.Source> webhooks = Arrays.stream(WebhookResource.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(POST.class))
                .map(m -> m.getAnnotation(RateLimited.class))
                .map(limited -> limited == null ? null : limited.value())
                .toList();
        assertThat(webhooks).doesNotContainNull().doesNotHaveDuplicates().hasSize(5);
        Method test = SmtpApiResource.class.getMethod("test", com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(test.getAnnotation(RateLimited.class).value()).isEqualTo(RateLimited.Source.SMTP_TEST);
    }
}
