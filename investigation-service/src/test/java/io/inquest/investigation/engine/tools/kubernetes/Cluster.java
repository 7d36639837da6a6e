package io.inquest.investigation.engine.tools.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.inquest.events.Alert;
import io.inquest.events.Severity;
import io.inquest.investigation.engine.SourceSettings;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Symptom;
import io.inquest.investigation.engine.Target;

/** Test fixtures: cluster objects as {@code kubectl get -o yaml} prints them, and alerts that point at them. */
public final class Cluster {

    /** Every fixture's alert starts here. */
    public static final Instant ALERT_START = Instant.parse("2026-03-04T10:00:00Z");

    private static final Set<String> LOADED = ConcurrentHashMap.newKeySet();

    private Cluster() {
    }

    /** Creates the objects of {@code src/test/resources/kubernetes/<fixture>} once per mock server. */
    public static void load(KubernetesClient client, String fixture) {
        if (!LOADED.add(client.getMasterUrl() + fixture)) {
            return;
        }
        try (InputStream in = Cluster.class.getResourceAsStream("/kubernetes/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            for (HasMetadata item : client.load(in).items()) {
                client.resource(item).create();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An alert with these labels, as the engine's extract_alert stage turns it into a subject. */
    public static Subject subject(SourceSettings sources, String service, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        Alert alert = new Alert("alertmanager", "KubePodCrashLooping", "summary", null, Severity.CRITICAL, service, all, Map.of(), Map.of(),
                ALERT_START, "fp", null);
        return new Subject("inq-test", alert, Symptom.UNKNOWN, Target.of(alert, sources.labels()));
    }
}
