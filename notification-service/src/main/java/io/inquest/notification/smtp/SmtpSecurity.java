package io.inquest.notification.smtp;

/** How the connection to the SMTP server is protected ({@code SMTP_SECURITY}). */
public enum SmtpSecurity {
    /** Plain connection upgraded with STARTTLS; refuses to send when the server does not offer it. */
    STARTTLS,
    /** Implicit TLS from the first byte (SMTPS, usually port 465). */
    SSL,
    /** No encryption: only for a mail catcher on loopback. */
    NONE
}
