package io.inquest.gateway.intake;

import java.util.List;
import java.util.Map;

/** Which service an alert is about, from the labels Prometheus-style alerts carry. */
public final class ServiceLabels {

    /** In this order: an explicit {@code service}, then the usual Kubernetes and scrape labels. */
    static final List<String> ORDER = List.of("service", "app", "job", "container");

    private ServiceLabels() {
    }

    public static String serviceOf(Map<String, String> labels) {
        if (labels == null) {
            return null;
        }
        return ORDER.stream().map(labels::get).filter(v -> v != null && !v.isBlank()).map(String::trim).findFirst()
                .orElse(null);
    }
}
