package io.inquest.gateway.api;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.inquest.gateway.problem.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Turns a failed call to another service into an answer an operator can act on. */
public final class UpstreamErrors {

    private static final Logger LOG = Logger.getLogger(UpstreamErrors.class);

    private UpstreamErrors() {
    }

    public static Response toProblem(Throwable failure, String service, String what) {
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status == 404) {
                return Problem.of(Response.Status.NOT_FOUND, "No " + what + ".").toResponse();
            }
            if (status == 401 || status == 403) {
                // The gateway's own credential was refused: nothing the caller can fix, everything the operator can.
                LOG.warnf("%s refused the gateway's service credential (%d) for %s", service, status, what);
                return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "The " + service
                        + " refused the gateway's service credential: set the same INQUEST_SERVICE_TOKEN on the gateway and "
                        + "the " + service + ".").toResponse()).header(HttpHeaders.RETRY_AFTER, 5).build();
            }
            if (status == 409) {
                return Problem.of(Response.Status.CONFLICT, readDetail(web, what)).toResponse();
            }
            if (status < 500) {
                return Problem.of(Response.Status.BAD_REQUEST, readDetail(web, what)).toResponse();
            }
        }
        LOG.warnf("%s failed for %s: %s", service, what, failure.toString());
        boolean unreachable = hasCause(failure, ConnectException.class) || hasCause(failure, TimeoutException.class);
        String detail = unreachable
                ? "The " + service + " is not reachable; check that it runs and is ready (/q/health/ready). Retry later."
                : "The " + service + " failed to answer; see its log.";
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, detail).toResponse())
                .header(HttpHeaders.RETRY_AFTER, 5).build();
    }

    private static String readDetail(WebApplicationException web, String what) {
        try {
            var body = web.getResponse().readEntity(com.fasterxml.jackson.databind.JsonNode.class);
            if (body != null && body.hasNonNull("detail")) {
                return body.get("detail").asText();
            }
        } catch (RuntimeException unreadable) {
            // fall through to the generic message
        }
        return "The request for " + what + " was refused.";
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
