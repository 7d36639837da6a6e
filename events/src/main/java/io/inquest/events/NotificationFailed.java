package io.inquest.events;

import java.time.Instant;

/** @param retrying whether another attempt is scheduled */
public record NotificationFailed(String investigationId, String recipient, String kind, String reason,
        int attempts, boolean retrying, Instant failedAt) {
}
