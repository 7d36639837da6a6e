package io.inquest.gateway.problem;

import java.util.List;

/** A payload that parsed but breaks a rule of its format that Bean Validation cannot say. */
public class InvalidPayloadException extends RuntimeException {

    private final transient List<Problem.FieldError> errors;

    public InvalidPayloadException(String message, List<Problem.FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
