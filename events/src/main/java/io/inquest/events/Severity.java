package io.inquest.events;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Alert severity, normalised from whatever the source calls it. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Maps the words alert sources use onto the four levels; unknown or missing words are
     * {@code WARNING}, the level that pages nobody by itself but is never dropped.
     */
    @JsonCreator
    public static Severity normalise(String word) {
        if (word == null) {
            return WARNING;
        }
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "critical", "crit", "fatal", "emergency", "emerg", "alert", "page", "p1", "sev1", "high" -> CRITICAL;
            case "error", "err", "major", "p2", "sev2" -> ERROR;
            case "info", "informational", "notice", "low", "none", "ok", "p4", "p5", "sev4" -> INFO;
            default -> WARNING;
        };
    }
}
