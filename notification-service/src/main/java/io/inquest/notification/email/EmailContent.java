package io.inquest.notification.email;

/** A rendered email, the same for every recipient: subject, plain text and HTML. */
public record EmailContent(String subject, String text, String html) {
}
