package io.inquest.events;

import java.time.Instant;

/** @param kind {@code completed} or {@code failed}: which RCA email this was */
public record NotificationDelivered(String investigationId, String recipient, String kind, String messageId,
        int attempts, Instant deliveredAt) {
}
