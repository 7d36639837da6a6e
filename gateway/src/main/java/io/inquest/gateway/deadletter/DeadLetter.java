package io.inquest.gateway.deadletter;

import java.time.Instant;

/**
 * One record on a dead-letter topic, as an operator needs it to decide on a replay: where it is,
 * which event it was, why its consumer gave up, and the start of its value.
 *
 * @param originalTopic the {@code dead-letter-topic} header: where the consumer read it
 * @param reason the {@code dead-letter-reason} header: why it could not be processed
 * @param valuePreview the value's first bytes as UTF-8; {@code valueTruncated} when there is more
 */
public record DeadLetter(String topic, int partition, long offset, Instant timestamp, String key, String ceType, String ceId,
        String originalTopic, String reason, String exceptionClassName, String cause, int valueBytes, String valuePreview,
        boolean valueTruncated) {
}
