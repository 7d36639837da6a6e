package io.inquest.gateway.deadletter;

/** A listing or replay the gateway will not do (a topic that is not a dead-letter topic, a record that is not there). */
public class DeadLetterRequestException extends RuntimeException {

    public DeadLetterRequestException(String message) {
        super(message);
    }
}
