package io.inquest.investigation.engine.tools.prometheus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.inquest.events.Alert;
import io.inquest.events.Severity;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Symptom;
import io.inquest.investigation.engine.Target;

/** Subjects for the tool, as the run makes them from an alert. */
final class Alerts {

    private Alerts() {
    }

    /** A Prometheus generator link for an expression, URL-encoded as Prometheus writes it. */
    static String generator(String expr) {
        return "http://prometheus-k8s-0:9090/graph?g0.expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&g0.tab=1";
    }

    static Subject subject(String title, String service, Instant startsAt, Map<String, String> labels, String generator) {
        Alert alert = new Alert("alertmanager", title, null, null, Severity.CRITICAL, service, labels, Map.of(),
                generator == null ? Map.of() : Map.of("generator", generator), startsAt, null, null);
        return new Subject("inq-test", alert, Symptom.classify(List.of(title, String.valueOf(generator))), Target.of(alert, Settings.labels()));
    }
}
