package io.inquest.gateway.publish;

/** Kafka did not acknowledge a write in time: the caller should retry, nothing was accepted. */
public class BrokerUnavailableException extends RuntimeException {

    private final long retryAfterSeconds;

    public BrokerUnavailableException(String message, Throwable cause, long retryAfterSeconds) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
