package io.inquest.gateway.deadletter;

/** Kafka did not answer a listing or a replay in time; the message says how far a replay got. */
public class DeadLettersUnavailableException extends RuntimeException {

    private final long retryAfterSeconds;

    public DeadLettersUnavailableException(String message, Throwable cause, long retryAfterSeconds) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
