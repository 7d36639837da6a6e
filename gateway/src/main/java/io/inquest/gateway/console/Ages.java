package io.inquest.gateway.console;

import java.time.Duration;
import java.time.Instant;

/** "4 min ago": how long ago something happened, in the few characters a phone screen has room for. */
final class Ages {

    private Ages() {
    }

    static String since(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        Duration age = Duration.between(then, now);
        if (age.isNegative() || age.toSeconds() < 60) {
            return Math.max(0, age.toSeconds()) + " s ago";
        }
        if (age.toMinutes() < 60) {
            return age.toMinutes() + " min ago";
        }
        if (age.toHours() < 48) {
            return age.toHours() + " h ago";
        }
        return age.toDays() + " d ago";
    }
}
