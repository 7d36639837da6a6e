package io.inquest.investigation.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One fact a tool observed: structured, so the diagnosis rules can reason on it, and worded, so
 * an operator can check it. {@code text} quotes the decisive facts verbatim (reason strings, exit
 * codes, object names, limits and measured values, the time relative to the alert).
 *
 * @param id         the evidence id, unique within a run ({@code kubernetes-3}); assigned by the run
 * @param source     the tool that observed it
 * @param signal     what kind of fact it is; its attributes are documented on {@link Signal}
 * @param subject    the object it is about: {@code pod/shop/cart-7d9f-x2k4/app}, {@code node/worker-2},
 *                   {@code deployment/shop/cart}, {@code metric/http error ratio}
 * @param text       the sentence an operator reads
 * @param at         when it happened or started, if known
 * @param attributes the structured facts, by the keys {@link Signal} documents
 */
public record Observation(String id, String source, Signal signal, String subject, String text, Instant at,
        Map<String, String> attributes) {

    public Observation {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static Builder of(String source, Signal signal, String subject) {
        return new Builder(source, signal, subject);
    }

    public Observation withId(String newId) {
        return new Observation(newId, source, signal, subject, text, at, attributes);
    }

    public String attr(String key) {
        return attributes.get(key);
    }

    public String attr(String key, String otherwise) {
        return attributes.getOrDefault(key, otherwise);
    }

    /** A numeric attribute; empty when absent or not a number. */
    public Optional<Double> number(String key) {
        String value = attributes.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean is(String key, String value) {
        return value.equalsIgnoreCase(attributes.get(key));
    }

    /** Builds an observation attribute by attribute; null values are left out. */
    public static final class Builder {
        private final String source;
        private final Signal signal;
        private final String subject;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private Instant at;

        private Builder(String source, Signal signal, String subject) {
            this.source = source;
            this.signal = signal;
            this.subject = subject;
        }

        public Builder at(Instant when) {
            this.at = when;
            return this;
        }

        public Builder attr(String key, Object value) {
            if (value != null) {
                attributes.put(key, String.valueOf(value));
            }
            return this;
        }

        public Observation text(String text) {
            return new Observation(null, source, signal, subject, text, at, attributes);
        }
    }
}
