package io.inquest.investigation.run;

/** A worker's claim on one run of an investigation. */
public record Claim(String investigationId, int attempt) {
}
