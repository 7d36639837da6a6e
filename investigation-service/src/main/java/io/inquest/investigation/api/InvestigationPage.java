package io.inquest.investigation.api;

import java.util.List;

/** A page of the list, newest first; pass {@code nextCursor} as {@code cursor} for the next page (null at the end). */
public record InvestigationPage(List<InvestigationSummary> items, String nextCursor) {
}
