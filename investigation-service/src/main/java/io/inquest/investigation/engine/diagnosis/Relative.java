package io.inquest.investigation.engine.diagnosis;

import java.time.Duration;
import java.time.Instant;

/** A time said relative to the alert's start, the way an operator reads an incident. */
public final class Relative {

    private Relative() {
    }

    public static String toAlert(Instant at, Instant alertStart) {
        if (at == null) {
            return "at an unknown time";
        }
        Duration d = Duration.between(at, alertStart);
        boolean before = !d.isNegative();
        String amount = amount(d.abs());
        if (amount.equals("0 min")) {
            return "at the alert's start";
        }
        return amount + (before ? " before the alert" : " after the alert's start");
    }

    static String amount(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 3) {
            return d.toHours() + " h";
        }
        if (d.toMinutes() >= 1) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() < 30 ? "0 min" : d.toSeconds() + " s";
    }
}
