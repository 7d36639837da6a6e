package io.inquest.gateway.problem;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.inquest.gateway.deadletter.DeadLetterRequestException;
import io.inquest.gateway.deadletter.DeadLettersUnavailableException;
import io.inquest.gateway.publish.BrokerUnavailableException;
import io.inquest.gateway.security.EventStreamLimit;
import io.inquest.gateway.security.SourceRateLimits;
import io.inquest.gateway.security.UnauthenticatedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Every error of the gateway as {@code application/problem+json}, saying what to fix. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidPayload(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldPath(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        return Problem.invalid("The request body is not a valid payload; nothing was published.", errors).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidPayloadException e) {
        return Problem.invalid(e.getMessage() + "; nothing was published.", e.errors()).toResponse();
    }

    @ServerExceptionMapper
    public Response deadLetterRequest(DeadLetterRequestException e) {
        return Problem.invalid(e.getMessage(), List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? jsonPath(m) : "";
        String detail = "The request body is not valid JSON for this endpoint: " + e.getOriginalMessage()
                + "; nothing was published.";
        return Problem.invalid(detail, field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, e.getOriginalMessage())))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthenticatedException e) {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, e.getMessage()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"inquest\"").build();
    }

    @ServerExceptionMapper
    public Response overLimit(SourceRateLimits.OverLimitException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response tooManyStreams(EventStreamLimit.TooManyStreamsException e) {
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()).toResponse())
                .header(HttpHeaders.RETRY_AFTER, 30).build();
    }

    @ServerExceptionMapper
    public Response brokerUnavailable(BrokerUnavailableException e) {
        LOG.warnf("Kafka did not acknowledge a request: %s", e.getMessage());
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                "Kafka did not acknowledge the investigation request in time; nothing was accepted. Retry later.")
                .toResponse()).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response deadLettersUnavailable(DeadLettersUnavailableException e) {
        LOG.warnf(e, "dead letters: %s", e.getMessage());
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()
                + ". A replay may be repeated: consumers deduplicate by event id. Retry later.").toResponse())
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        if (status == null) {
            status = Response.Status.INTERNAL_SERVER_ERROR;
        }
        String detail = switch (status) {
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
            case NOT_ACCEPTABLE -> "This endpoint answers application/json.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this path.";
            case NOT_FOUND -> "No such resource.";
            default -> e.getMessage();
        };
        return Problem.of(status, detail).toResponse();
    }

    /**
     * The path inside the request body, in JSON names: the method and parameter nodes are
     * dropped, and record components renamed with {@code @JsonProperty} show their JSON name.
     */
    private static String fieldPath(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        List<Class<?>> parameterTypes = List.of();
        // A bean validated directly starts at its own record; a validated parameter sets it below.
        Type current = violation.getRootBeanClass();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD -> parameterTypes = node.as(Path.MethodNode.class).getParameterTypes();
                case PARAMETER -> {
                    int index = node.as(Path.ParameterNode.class).getParameterIndex();
                    current = index < parameterTypes.size() ? parameterTypes.get(index) : null;
                }
                case PROPERTY -> {
                    appendIndex(path, node);
                    RecordComponent component = component(current, node.getName());
                    JsonProperty renamed = component == null ? null : component.getAccessor().getAnnotation(JsonProperty.class);
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(renamed != null && !renamed.value().isEmpty() ? renamed.value() : node.getName());
                    current = component == null ? null : elementType(component.getGenericType());
                }
                case CONTAINER_ELEMENT, BEAN -> appendIndex(path, node);
                default -> {
                }
            }
        }
        return path.toString();
    }

    private static void appendIndex(StringBuilder path, Path.Node node) {
        if (node.getIndex() != null) {
            path.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
            path.append('[').append(node.getKey()).append(']');
        }
    }

    private static RecordComponent component(Type type, String name) {
        if (type instanceof Class<?> c && c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component;
                }
            }
        }
        return null;
    }

    /** For a list or map, the type of its elements (values); otherwise the type itself. */
    private static Type elementType(Type type) {
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            Type element = args[args.length - 1];
            return element instanceof ParameterizedType inner ? inner.getRawType() : element;
        }
        return type;
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
