package io.inquest.cli;

/** A failure the operator can act on, with the exit code the command ends with. */
final class CliException extends RuntimeException {

    /** The gateway said the input is wrong (400, 409, 413, 415). */
    static final int INVALID = 1;
    /** Unreachable gateway, time-out, or a server error. */
    static final int UNREACHABLE = 3;
    /** Missing or wrong token (401), or a token without the scope the command needs (403). */
    static final int UNAUTHORIZED = 4;
    /** No such investigation or subscription (404). */
    static final int NOT_FOUND = 5;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
