package io.inquest.events;

import java.util.List;

/**
 * A claim of the diagnosis and the evidence behind it.
 *
 * @param status {@code supported}, {@code contradicted} or {@code unverified}
 */
public record ValidatedClaim(String claim, List<String> evidenceSources, String status) {

    public ValidatedClaim {
        evidenceSources = evidenceSources == null ? List.of() : List.copyOf(evidenceSources);
    }
}
