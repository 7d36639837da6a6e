package io.inquest.notification.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.eclipse.angus.mail.smtp.SMTPTransport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;

/**
 * Checks an SMTP server the way mail will use it: connect (implicit TLS for {@code ssl}), EHLO,
 * STARTTLS (required for {@code starttls}: no silent fall-back to clear text), AUTH when
 * credentials are set, NOOP. Blocking: call it on a worker thread. The password is never part
 * of an answer or a log line.
 */
public final class SmtpProbe {

    /** Where and how to connect. */
    public record Endpoint(String host, int port, SmtpSecurity security, Optional<String> username,
            Optional<String> password, Duration timeout, Optional<Path> truststore, Optional<String> truststorePassword) {

        public static Endpoint of(SmtpSettings settings) {
            return new Endpoint(settings.host(), settings.port(), settings.security(), settings.username(),
                    settings.password(), settings.timeout(), settings.truststore().map(Path::of), settings.truststorePassword());
        }

        String server() {
            return host + ":" + port;
        }
    }

    private SmtpProbe() {
    }

    public static SmtpCheck check(Endpoint endpoint) {
        String security = endpoint.security().name().toLowerCase(Locale.ROOT);
        List<String> steps = new ArrayList<>();
        String protocol = endpoint.security() == SmtpSecurity.SSL ? "smtps" : "smtp";
        Session session = Session.getInstance(properties(endpoint, protocol));
        try (SMTPTransport transport = (SMTPTransport) session.getTransport(protocol)) {
            transport.connect(endpoint.host(), endpoint.port(), endpoint.username().orElse(null),
                    endpoint.password().orElse(null));
            steps.add("connected" + (endpoint.security() == SmtpSecurity.SSL ? " (TLS)" : ""));
            steps.add("EHLO");
            if (endpoint.security() == SmtpSecurity.STARTTLS) {
                steps.add("STARTTLS");
            }
            if (endpoint.username().isPresent()) {
                steps.add("AUTH");
            }
            transport.issueCommand("NOOP", 250);
            steps.add("NOOP");
            return SmtpCheck.passed(endpoint.server(), security, steps);
        } catch (AuthenticationFailedException e) {
            return SmtpCheck.failed("authentication rejected: " + clean(e.getMessage()), endpoint.server(), security, steps);
        } catch (MessagingException e) {
            return SmtpCheck.failed(reason(e, endpoint), endpoint.server(), security, steps);
        }
    }

    private static Properties properties(Endpoint endpoint, String protocol) {
        String timeout = String.valueOf(endpoint.timeout().toMillis());
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", timeout);
        props.put("mail." + protocol + ".timeout", timeout);
        props.put("mail." + protocol + ".writetimeout", timeout);
        props.put("mail." + protocol + ".auth", String.valueOf(endpoint.username().isPresent()));
        if (endpoint.security() == SmtpSecurity.STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        // Never retry with another TLS setup than the one configured: the answer must be about this one.
        props.put("mail." + protocol + ".socketFactory.fallback", "false");
        // Like the mailer that sends the real mail: the certificate must be trusted and name the server.
        props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        if (endpoint.truststore().isPresent() && endpoint.security() != SmtpSecurity.NONE) {
            props.put("mail." + protocol + ".ssl.socketFactory", trusting(endpoint));
        }
        return props;
    }

    /** TLS that trusts what the configured trust store trusts, as the mailer does. */
    private static SSLSocketFactory trusting(Endpoint endpoint) {
        Path file = endpoint.truststore().orElseThrow();
        char[] password = endpoint.truststorePassword().map(String::toCharArray).orElse(null);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(file.toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("SMTP_TRUSTSTORE " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String reason(MessagingException e, Endpoint endpoint) {
        Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused by " + endpoint.server();
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + endpoint.host();
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer from " + endpoint.server() + " within " + endpoint.timeout().toSeconds() + "s";
            }
            if (t instanceof SSLException ssl) {
                return "TLS handshake failed: " + clean(ssl.getMessage());
            }
        }
        String message = clean(e.getMessage());
        if (message.toLowerCase(Locale.ROOT).contains("starttls")) {
            return "the server does not offer STARTTLS, and SMTP_SECURITY=starttls refuses to send in clear: " + message;
        }
        return message;
    }

    private static String clean(String message) {
        return message == null ? "no detail" : message.replaceAll("\\s+", " ").trim();
    }
}
