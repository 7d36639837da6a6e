package io.inquest.notification.delivery;

/** A completion record that cannot be understood; it goes to the dead-letter topic with this message. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
