package io.inquest.investigation.engine;

import java.util.List;

/** What one tool call produced: a one-line summary and its observations (possibly none). */
public record ToolFindings(String summary, List<Observation> observations) {

    public ToolFindings {
        observations = List.copyOf(observations);
    }

    public static ToolFindings nothing(String summary) {
        return new ToolFindings(summary, List.of());
    }
}
