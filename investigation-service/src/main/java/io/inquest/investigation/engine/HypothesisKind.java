package io.inquest.investigation.engine;

/** The kinds of root cause the diagnosis can name; {@code category()} is the report's rootCauseCategory. */
public enum HypothesisKind {
    RECENT_CHANGE("change"),
    RESOURCE_EXHAUSTION("resource-exhaustion"),
    CRASH_LOOP("crash-loop"),
    SHARED_UPSTREAM_CAUSE("dependency"),
    SYMPTOM_ONLY("inconclusive");

    private final String category;

    HypothesisKind(String category) {
        this.category = category;
    }

    public String category() {
        return category;
    }
}
