package io.inquest.investigation.store;

import java.util.Locale;

/** {@code queued} → {@code running} → {@code completed} | {@code failed} | {@code cancelled}. */
public enum InvestigationStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InvestigationStatus fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
