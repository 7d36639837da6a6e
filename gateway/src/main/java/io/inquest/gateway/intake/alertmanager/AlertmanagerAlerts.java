package io.inquest.gateway.intake.alertmanager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.inquest.events.Alert;
import io.inquest.events.AlertResolved;
import io.inquest.events.InvestigationRequested;
import io.inquest.events.Severity;
import io.inquest.gateway.intake.IntakeBatch;
import io.inquest.gateway.intake.InvestigationIds;
import io.inquest.gateway.intake.ServiceLabels;

/**
 * Turns an Alertmanager (or Grafana) notification into one investigation per firing alert, and
 * one {@link AlertResolved} per resolved alert. An alert's identity is its fingerprint and start
 * time: Alertmanager re-sends firing alerts on every group interval, and they must not start
 * anything new.
 */
public final class AlertmanagerAlerts {

    /** Alertmanager's "no end" time. */
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private AlertmanagerAlerts() {
    }

    public static IntakeBatch toBatch(String source, AlertmanagerPayload payload, Instant now, ObjectMapper json) {
        List<InvestigationRequested> requests = new ArrayList<>();
        List<AlertResolved> resolutions = new ArrayList<>();
        for (AlertmanagerAlert alert : payload.alerts()) {
            Instant startsAt = alert.startsAt() == null || !alert.startsAt().isAfter(ZERO_TIME) ? now : alert.startsAt();
            String fingerprint = alert.fingerprint() != null && !alert.fingerprint().isBlank() ? alert.fingerprint()
                    : labelFingerprint(alert.labels());
            String id = InvestigationIds.derive(source, fingerprint, startsAt.toString());
            if (!alert.firing()) {
                Instant endsAt = alert.endsAt() == null || !alert.endsAt().isAfter(ZERO_TIME) ? now : alert.endsAt();
                resolutions.add(new AlertResolved(id, source, endsAt));
                continue;
            }
            requests.add(new InvestigationRequested(id, toAlert(source, payload, alert, startsAt, fingerprint, json), List.of(), now));
        }
        return new IntakeBatch(requests, resolutions);
    }

    private static Alert toAlert(String source, AlertmanagerPayload payload, AlertmanagerAlert alert, Instant startsAt,
            String fingerprint, ObjectMapper json) {
        Map<String, String> labels = alert.labels();
        Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
        String title = firstPresent(labels.get("alertname"), annotations.get("summary"), "Alert from " + source);
        Map<String, String> links = new LinkedHashMap<>();
        putIfPresent(links, "runbook", firstPresent(annotations.get("runbook_url"), annotations.get("runbook")));
        putIfPresent(links, "generator", alert.generatorUrl());
        putIfPresent(links, "dashboard", firstPresent(alert.dashboardUrl(), annotations.get("dashboard_url")));
        putIfPresent(links, "panel", alert.panelUrl());
        putIfPresent(links, "silence", alert.silenceUrl());
        putIfPresent(links, "source", payload.externalUrl());
        Map<String, String> allAnnotations = new LinkedHashMap<>(annotations);
        if (alert.valueString() != null && !alert.valueString().isBlank()) {
            allAnnotations.putIfAbsent("value", alert.valueString());
        }
        ObjectNode raw = json.valueToTree(alert);
        if (payload.groupKey() != null) {
            raw.put("groupKey", payload.groupKey());
        }
        return new Alert(source, title, annotations.get("summary"), annotations.get("description"),
                Severity.normalise(labels.get("severity")), ServiceLabels.serviceOf(labels), labels, allAnnotations, links,
                startsAt, fingerprint, raw);
    }

    /** Alertmanager always sends a fingerprint; a hand-written payload may not. Same labels, same alert. */
    private static String labelFingerprint(Map<String, String> labels) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(labels).forEach((k, v) -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 1);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String firstPresent(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
