package io.inquest.notification.email;

import java.util.Arrays;
import java.util.Locale;

import io.inquest.events.RootCauseCategory;

/**
 * A coloured label of the HTML email: the run's status, the root-cause category, the alert's
 * severity, a claim's status. The colours are inline (mail clients drop style sheets); each pair
 * keeps the text readable on its background.
 *
 * @param label      what the badge says
 * @param foreground the text colour
 * @param background the fill colour
 */
public record Badge(String label, String foreground, String background) {

    private static final Badge GREY = new Badge("", "#424a53", "#eaeef2");

    public static Badge status(boolean failed) {
        return failed ? new Badge("RCA failed", "#ffffff", "#cf222e") : new Badge("RCA complete", "#ffffff", "#1a7f37");
    }

    /** The badge of a {@link RootCauseCategory} wire name; a name outside the taxonomy shows as it came, in grey. */
    public static Badge category(String wireName) {
        return Arrays.stream(RootCauseCategory.values()).filter(c -> c.wireName().equals(wireName)).findFirst()
                .map(Badge::category)
                .orElseGet(() -> GREY.labelled(wireName));
    }

    static Badge category(RootCauseCategory category) {
        return switch (category) {
            case HEALTHY -> new Badge("Healthy", "#116329", "#dafbe1");
            case CHANGE -> new Badge("Change", "#6639ba", "#fbefff");
            case CONFIGURATION_ERROR -> new Badge("Configuration error", "#953800", "#fff1e5");
            case RESOURCE_EXHAUSTION -> new Badge("Resource exhaustion", "#a40e26", "#ffebe9");
            case INFRASTRUCTURE -> new Badge("Infrastructure", "#0550ae", "#ddf4ff");
            case DEPENDENCY_FAILURE -> new Badge("Dependency failure", "#7d4e00", "#fff8c5");
            case TRAFFIC_SURGE -> new Badge("Traffic surge", "#0b5e56", "#d8f6f1");
            case CODE_DEFECT -> new Badge("Code defect", "#99286e", "#ffeff7");
            case UNKNOWN -> GREY.labelled("Unknown cause");
        };
    }

    public static Badge severity(String wireName) {
        String label = wireName.toUpperCase(Locale.ROOT);
        return switch (wireName) {
            case "critical" -> new Badge(label, "#ffffff", "#a40e26");
            case "error" -> new Badge(label, "#ffffff", "#cf222e");
            case "warning" -> new Badge(label, "#4d2d00", "#ffd33d");
            default -> GREY.labelled(label);
        };
    }

    /** A claim's status: {@code supported}, {@code contradicted} or {@code unverified} (anything else in grey). */
    public static Badge claim(String status) {
        return switch (status) {
            case "supported" -> new Badge("supported", "#116329", "#dafbe1");
            case "contradicted" -> new Badge("contradicted", "#a40e26", "#ffebe9");
            default -> GREY.labelled(status);
        };
    }

    private Badge labelled(String newLabel) {
        return new Badge(newLabel, foreground, background);
    }
}
