package io.inquest.notification.delivery;

import java.time.Instant;
import java.util.List;

import io.inquest.notification.NotificationSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Claims due deliveries, new ones and retries whose time has come, before they are sent: the
 * rows are locked (skip locked) and given a claim deadline in one transaction, so two instances
 * never send the same one, and a claim whose sender died runs out and brings the delivery back.
 */
@ApplicationScoped
public class DeliveryClaims {

    private static final String DUE = """
            select id from delivery
            where status in ('pending', 'retrying') and next_attempt_at <= :now
              and (claimed_until is null or claimed_until < :now)
            order by next_attempt_at
            limit :batch
            for update skip locked""";

    private final NotificationSettings.Delivery settings;

    public DeliveryClaims(NotificationSettings settings) {
        this.settings = settings.delivery();
    }

    /** Up to one batch of due deliveries, claimed for this instance; their attempt is counted. */
    Uni<List<Delivery>> claimDue() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(DUE, Long.class)
                        .setParameter("now", now)
                        .setParameter("batch", settings.batch())
                        .getResultList())
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Delivery>of())
                        : Delivery.update("claimedUntil = ?1, attempts = attempts + 1 where id in ?2",
                                now.plus(settings.claim()), ids)
                                .flatMap(claimed -> Delivery.<Delivery>list("id in ?1 order by nextAttemptAt", ids))));
    }

    int batch() {
        return settings.batch();
    }
}
