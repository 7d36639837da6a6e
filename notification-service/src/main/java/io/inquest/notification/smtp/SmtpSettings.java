package io.inquest.notification.smtp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The SMTP keys of the design ({@code SMTP_HOST}, {@code SMTP_PORT}, ...), validated at start-up.
 * They are handed to Quarkus Mailer in {@code application.properties} and by
 * {@link SmtpSecurityConfigSource}; an invalid value stops the service with the key and the rule.
 */
@ConfigMapping(prefix = "smtp")
public interface SmtpSettings {

    @NotBlank(message = "(SMTP_HOST) is required")
    String host();

    @WithDefault("587")
    @Min(value = 1, message = "(SMTP_PORT) must be between 1 and 65535")
    @Max(value = 65535, message = "(SMTP_PORT) must be between 1 and 65535")
    int port();

    /** {@code starttls}, {@code ssl} or {@code none}. */
    @WithDefault("starttls")
    SmtpSecurity security();

    Optional<@Pattern(regexp = ".*\\S.*", message = "(SMTP_USERNAME) must not be blank when set") String> username();

    Optional<@Pattern(regexp = ".*\\S.*", message = "(SMTP_PASSWORD) must not be blank when set") String> password();

    @NotBlank(message = "(SMTP_FROM_ADDRESS) is required")
    @Email(message = "(SMTP_FROM_ADDRESS) must be an email address")
    String fromAddress();

    /** Who gets every RCA, comma-separated; the alert's {@code notify} addresses come on top. */
    Optional<List<@Email(message = "(SMTP_DEFAULT_TO) must be comma-separated email addresses") String>> defaultTo();

    @WithDefault("15s")
    Duration timeout();

    /**
     * A trust store (PKCS12 {@code .p12}/{@code .pfx}, JKS {@code .jks}) for a server whose
     * certificate the JVM does not trust, e.g. a company CA ({@code SMTP_TRUSTSTORE}).
     */
    Optional<@Pattern(regexp = "(?i).*\\.(p12|pfx|jks)", message = "(SMTP_TRUSTSTORE) must be a .p12, .pfx or .jks file") String> truststore();

    Optional<String> truststorePassword();
}
