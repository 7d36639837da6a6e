package io.inquest.investigation.engine.tools.kubernetes;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Resource quantities as Kubernetes prints them ({@code 512Mi}, {@code 500m}) and as plain numbers for comparing. */
final class Quantities {

    private Quantities() {
    }

    static Quantity limit(Container container, String resource) {
        return of(container.getResources(), resource, true);
    }

    static Quantity request(Container container, String resource) {
        return of(container.getResources(), resource, false);
    }

    private static Quantity of(ResourceRequirements resources, String resource, boolean limit) {
        if (resources == null) {
            return null;
        }
        Map<String, Quantity> values = limit ? resources.getLimits() : resources.getRequests();
        return values == null ? null : values.get(resource);
    }

    /** As written in the spec: {@code 512Mi}, {@code 1}, {@code 250m}. */
    static String text(Quantity quantity) {
        if (quantity == null) {
            return null;
        }
        String format = quantity.getFormat() == null ? "" : quantity.getFormat();
        return quantity.getAmount() + format;
    }

    /** The plain amount ({@code 536870912} for 512Mi, {@code 0.25} for 250m); null when absent or unreadable. */
    static String plain(Quantity quantity) {
        BigDecimal amount = number(quantity);
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }

    static BigDecimal number(Quantity quantity) {
        if (quantity == null) {
            return null;
        }
        try {
            return quantity.getNumericalAmount();
        } catch (ArithmeticException | IllegalArgumentException e) {
            return null;
        }
    }

    /** used / hard to three significant digits; null when either is absent, unreadable, or hard is zero. */
    static String ratio(Quantity used, Quantity hard) {
        BigDecimal u = number(used);
        BigDecimal h = number(hard);
        if (u == null || h == null || h.signum() == 0) {
            return null;
        }
        return u.divide(h, new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
