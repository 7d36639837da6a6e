package io.inquest.investigation.engine;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/** A real source of evidence. A tool that is not configured is skipped and says why; it never fakes findings. */
public interface EvidenceTool {

    String name();

    /** Empty when the tool can be called; otherwise why not (e.g. its URL is not set). */
    default Optional<String> notConfigured() {
        return Optional.empty();
    }

    Uni<ToolFindings> investigate(Subject subject);
}
