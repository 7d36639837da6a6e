package io.inquest.investigation.run;

import java.time.Duration;

/**
 * A run used up its time limit. It is raised between steps or by a tool call that is still
 * waiting, never by cancelling a step's transaction: the run then ends {@code failed} by its own
 * attempt, with the reason.
 */
final class RunOverTimeLimit extends RuntimeException {

    RunOverTimeLimit(Duration limit) {
        super("time limit of " + limit + " exceeded", null, false, false);
    }
}
