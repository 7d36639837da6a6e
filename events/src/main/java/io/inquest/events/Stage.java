package io.inquest.events;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The stages of an investigation, in order. */
public enum Stage {
    RESOLVE_SOURCES, EXTRACT_ALERT, PLAN, INVESTIGATE, DIAGNOSE, REPORT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Stage ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
