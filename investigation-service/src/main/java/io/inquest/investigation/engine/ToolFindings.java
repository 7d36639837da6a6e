package io.inquest.investigation.engine;

import java.util.List;

/** What one tool call produced: a one-line summary and its evidence (possibly none). */
public record ToolFindings(String summary, List<Evidence> evidence) {

    public ToolFindings {
        evidence = List.copyOf(evidence);
    }
}
