package io.inquest.investigation.engine.tools.prometheus;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Measured values written the way an operator reads them (and Kubernetes prints them). */
final class Quantities {

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi"};

    private Quantities() {
    }

    /** Three significant digits, no exponent, no trailing zeros: 0.0312, 31.2, 1250. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /**
     * A value for an attribute, which rules compare: whole numbers exactly ({@code 536870912}),
     * others to six significant digits ({@code 0.0779333}).
     */
    static String exact(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return BigDecimal.valueOf(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** CPU in words: {@code 1 core}, {@code 1.57 cores}, {@code 500m}. */
    static String coresText(double value) {
        if (Math.abs(value) < 1) {
            return cores(value);
        }
        return number(value) + (value == 1 ? " core" : " cores");
    }

    /** {@code 536870912} → {@code 512Mi}; {@code 1610612736} → {@code 1.5Gi}. */
    static String bytes(double value) {
        double v = Math.abs(value);
        if (v < 1024) {
            return number(value) + "B";
        }
        int unit = -1;
        while (v >= 1024 && unit < BINARY.length - 1) {
            v /= 1024;
            unit++;
        }
        return number(Math.signum(value) * v) + BINARY[unit];
    }

    /** {@code 0.25} → {@code 250m}; {@code 2} → {@code 2} (cores, as Kubernetes writes CPU). */
    static String cores(double value) {
        if (Math.abs(value) < 1) {
            return number(value * 1000) + "m";
        }
        return number(value);
    }

    /** {@code 0.312} → {@code 31%}; {@code 0.0042} → {@code 0.42%}. */
    static String percent(double ratio) {
        double p = ratio * 100;
        if (p != 0 && Math.abs(p) < 1) {
            return number(p) + "%";
        }
        return BigDecimal.valueOf(p).round(new MathContext(Math.abs(p) >= 100 ? 4 : 2)).stripTrailingZeros().toPlainString()
                .replaceAll("\\.$", "") + "%";
    }

    /** {@code 0.35} → {@code 350 ms}; {@code 2.5} → {@code 2.5 s}; {@code 900} → {@code 15 min}. */
    static String seconds(double value) {
        if (Math.abs(value) < 1) {
            return number(value * 1000) + " ms";
        }
        if (Math.abs(value) < 120) {
            return number(value) + " s";
        }
        if (Math.abs(value) < 7200) {
            return number(value / 60) + " min";
        }
        return number(value / 3600) + " h";
    }

    static String perSecond(double value) {
        return number(value) + " req/s";
    }

    /** {@code 10:02:15Z}. */
    static String time(Instant at) {
        return TIME_OF_DAY.format(at);
    }
}
