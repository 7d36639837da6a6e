package io.inquest.notification.messaging;

/** A record that can never be processed; it goes to the dead-letter topic with this message as the reason. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
