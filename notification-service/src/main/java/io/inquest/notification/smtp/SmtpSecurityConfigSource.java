package io.inquest.notification.smtp;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Translates {@code SMTP_SECURITY} into the two Quarkus Mailer switches it stands for, so an
 * operator sets one key: {@code starttls} requires STARTTLS (never a silent fall-back to clear
 * text), {@code ssl} is implicit TLS, {@code none} is plain SMTP; and gives the trust store's type. Its ordinal sits below
 * {@code application.properties}, so an explicit {@code QUARKUS_MAILER_*} setting still wins.
 */
public class SmtpSecurityConfigSource implements ConfigSourceFactory {

    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue security = context.getValue("smtp.security");
        String value = security == null || security.getValue() == null ? "starttls"
                : security.getValue().trim().toLowerCase(Locale.ROOT);
        Map<String, String> mailer = switch (value) {
            case "ssl" -> Map.of("quarkus.mailer.tls", "true", "quarkus.mailer.start-tls", "DISABLED");
            case "none" -> Map.of("quarkus.mailer.tls", "false", "quarkus.mailer.start-tls", "DISABLED");
            // Anything else is starttls or invalid; SmtpSettings rejects an invalid value at start-up.
            default -> Map.of("quarkus.mailer.tls", "false", "quarkus.mailer.start-tls", "REQUIRED");
        };
        Map<String, String> derived = new HashMap<>(mailer);
        ConfigValue truststore = context.getValue("smtp.truststore");
        if (truststore != null && truststore.getValue() != null && !truststore.getValue().isBlank()) {
            derived.put("quarkus.mailer.truststore.type",
                    truststore.getValue().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS");
        }
        return List.of(new MapBackedConfigSource("smtp.security", derived, ORDINAL) {
        });
    }
}
