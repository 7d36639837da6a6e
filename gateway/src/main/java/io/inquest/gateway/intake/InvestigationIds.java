package io.inquest.gateway.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives an investigation id from the alert's identity at its source, so the same alert sent
 * again (a retry, a re-notification) maps to the same investigation and starts nothing new.
 */
public final class InvestigationIds {

    private InvestigationIds() {
    }

    /**
     * @param source   {@code alertmanager}, {@code grafana}, {@code pagerduty}, {@code generic}, {@code text}
     * @param identity the parts that identify the alert at that source (fingerprint and start, dedup key, ...)
     */
    public static String derive(String source, String... identity) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(source.getBytes(StandardCharsets.UTF_8));
            for (String part : identity) {
                sha.update((byte) 0);
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            }
            return "inq-" + HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
