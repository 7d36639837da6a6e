package io.inquest.gateway.console;

import io.inquest.gateway.api.UpstreamErrors;
import io.inquest.gateway.problem.Problem;

/**
 * Why the console could not show or do something: the same status and sentence the API would
 * answer ({@link UpstreamErrors}), for an HTML page.
 */
public record Trouble(int status, String detail) {

    static Trouble of(Throwable failure, String service, String what) {
        Object entity = UpstreamErrors.toProblem(failure, service, what).getEntity();
        return entity instanceof Problem problem ? new Trouble(problem.status(), problem.detail())
                : new Trouble(503, "The " + service + " failed to answer; see its log.");
    }
}
