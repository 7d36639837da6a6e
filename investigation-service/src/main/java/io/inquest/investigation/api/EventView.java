package io.inquest.investigation.api;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** A stored event: {@code seq} orders an investigation's history, {@code id} is the CloudEvent id. */
public record EventView(long seq, String id, String type, Instant time, JsonNode data) {
}
