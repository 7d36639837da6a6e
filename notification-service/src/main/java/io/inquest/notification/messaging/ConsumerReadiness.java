package io.inquest.notification.messaging;

import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Not ready while a consumer holds a record because a dependency is down: new work would only
 * queue up behind it. Liveness is untouched (a restart would not bring the database back), and
 * the check turns UP by itself once the record goes through.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    private final ConsumerStalls stalls;

    public ConsumerReadiness(ConsumerStalls stalls) {
        this.stalls = stalls;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, ConsumerStalls.Stall> current = new TreeMap<>(stalls.current());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumers").status(current.isEmpty());
        current.forEach((channel, stall) -> response.withData(channel, "waiting since " + stall.since() + " after "
                + stall.failedAttempts() + " failed attempt(s); last error " + stall.lastError()));
        return response.build();
    }
}
