package io.inquest.events;

import java.time.Instant;

/** @param kind which email: {@code rca-complete}, {@code rca-failed} or {@code smtp-test} (a test email, whose id is the test's) */
public record NotificationDelivered(String investigationId, String recipient, String kind, String messageId,
        int attempts, Instant deliveredAt) {
}
