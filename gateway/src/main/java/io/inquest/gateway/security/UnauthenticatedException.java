package io.inquest.gateway.security;

/** Missing or wrong credentials: a 401 whose message says what to send, never what was received. */
public class UnauthenticatedException extends RuntimeException {

    public UnauthenticatedException(String message) {
        super(message);
    }
}
