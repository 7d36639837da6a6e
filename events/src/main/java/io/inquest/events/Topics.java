package io.inquest.events;

import java.util.List;

/**
 * Kafka topic names: part of the public interface, described for subscribers (keys, headers,
 * event schemas) in {@code docs/asyncapi.yaml}, which {@code AsyncApiContractTest} keeps true.
 */
public final class Topics {

    public static final String INVESTIGATION_REQUESTS = "inquest.investigation-requests";
    public static final String INVESTIGATION_PROGRESS = "inquest.investigation-progress";
    public static final String INVESTIGATION_COMPLETIONS = "inquest.investigation-completions";
    public static final String NOTIFICATION_EVENTS = "inquest.notification-events";
    public static final String CHANGE_EVENTS = "inquest.change-events";

    /** Suffix of a topic's dead-letter topic; the reason travels in the record headers. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /**
     * The dead-letter topics Inquest's consumers write to: the only ones an operator may list and
     * replay through the gateway.
     */
    public static final List<String> DEAD_LETTER_TOPICS = List.of(deadLetterOf(INVESTIGATION_REQUESTS),
            deadLetterOf(INVESTIGATION_COMPLETIONS), deadLetterOf(CHANGE_EVENTS));

    /**
     * Kafka header on progress and completion records: the event's position in its
     * investigation's stored history (what {@code Last-Event-ID} of the SSE stream refers to).
     */
    public static final String SEQUENCE_HEADER = "inquest-seq";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
