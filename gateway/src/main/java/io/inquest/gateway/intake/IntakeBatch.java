package io.inquest.gateway.intake;

import java.util.ArrayList;
import java.util.List;

import io.inquest.events.AlertResolved;
import io.inquest.events.InvestigationRequested;

/** What one webhook asks for: investigations to start, and alerts that were resolved. */
public record IntakeBatch(List<InvestigationRequested> requests, List<AlertResolved> resolutions) {

    public IntakeBatch {
        requests = List.copyOf(requests);
        resolutions = List.copyOf(resolutions);
    }

    public static IntakeBatch of(List<InvestigationRequested> requests) {
        return new IntakeBatch(requests, List.of());
    }

    public IntakeBatch plus(IntakeBatch other) {
        List<InvestigationRequested> allRequests = new ArrayList<>(requests);
        allRequests.addAll(other.requests);
        List<AlertResolved> allResolutions = new ArrayList<>(resolutions);
        allResolutions.addAll(other.resolutions);
        return new IntakeBatch(allRequests, allResolutions);
    }
}
