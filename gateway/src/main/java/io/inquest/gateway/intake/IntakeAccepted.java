package io.inquest.gateway.intake;

import java.util.List;

/** The answer to an accepted webhook: the investigations it started or joined (none for a resolve). */
public record IntakeAccepted(List<Ref> investigations) {

    public record Ref(String id, String url) {

        public static Ref of(String id) {
            return new Ref(id, "/api/investigations/" + id);
        }
    }
}
