package io.inquest.notification.delivery;

import java.net.ConnectException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import io.vertx.ext.mail.SMTPException;

/**
 * Why an attempt failed, and whether trying again can help. SMTP 4xx, refused connections and
 * time-outs are transient; SMTP 5xx (a rejected address, rejected credentials) and a server that
 * does not offer the TLS we require are permanent until someone changes something.
 */
public record SendFailure(String reason, boolean permanent) {

    public static SendFailure of(Throwable failure) {
        if (failure instanceof SMTPException smtp) {
            return new SendFailure("SMTP " + smtp.getReplyCode() + " " + smtp.getReplyMessage(), smtp.isPermanent());
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (failure instanceof ConnectException || lower.contains("connection refused")) {
            return new SendFailure("connection refused: " + message, false);
        }
        if (failure instanceof TimeoutException || lower.contains("timed out") || lower.contains("timeout")) {
            return new SendFailure("timed out: " + message, false);
        }
        if (lower.contains("starttls") || lower.contains("tls") || lower.contains("ssl")) {
            return new SendFailure("TLS: " + message, true);
        }
        if (lower.contains("auth")) {
            return new SendFailure("authentication: " + message, true);
        }
        return new SendFailure(message, false);
    }
}
