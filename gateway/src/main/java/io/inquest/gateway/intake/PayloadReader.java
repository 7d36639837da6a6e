package io.inquest.gateway.intake;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.BadRequestException;

/**
 * Reads a webhook body that had to be kept as bytes (to check a signature or a routing key
 * first) with the same JSON and validation rules as every other endpoint, so errors come back
 * as the same problem+json with field paths.
 */
@ApplicationScoped
public class PayloadReader {

    private final ObjectMapper json;
    private final Validator validator;

    public PayloadReader(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public JsonNode tree(byte[] body) throws IOException {
        return json.readTree(body);
    }

    public <T> T read(JsonNode tree, Class<T> type) throws IOException {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new BadRequestException("a JSON body is required");
        }
        T value = json.treeToValue(tree, type);
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }
}
