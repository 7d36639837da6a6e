package io.inquest.gateway.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the console shows them: UTC, to the second, the same on every operator's phone. */
final class Times {

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String full(Instant at) {
        return at == null ? "" : FULL.format(at);
    }

    static String clock(Instant at) {
        return at == null ? "" : CLOCK.format(at);
    }
}
