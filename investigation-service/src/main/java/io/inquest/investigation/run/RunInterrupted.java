package io.inquest.investigation.run;

/** Stops a run between two steps: cancelled by an operator, or the claim passed to another worker. */
final class RunInterrupted extends RuntimeException {

    enum Why { CANCEL_REQUESTED, CLAIM_LOST, NOISE }

    final Why why;

    RunInterrupted(Why why, String message) {
        super(message, null, false, false);
        this.why = why;
    }
}
