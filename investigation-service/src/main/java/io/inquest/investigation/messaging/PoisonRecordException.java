package io.inquest.investigation.messaging;

/** A record that can never be processed; it goes to the dead-letter topic with this message as the reason. */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
