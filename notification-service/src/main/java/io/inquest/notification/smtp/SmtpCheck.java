package io.inquest.notification.smtp;

import java.util.List;

/** The answer of an SMTP check: {@code passed}, or {@code failed} with the reason, and the steps that went through. */
public record SmtpCheck(String result, String reason, String server, String security, List<String> steps) {

    public static SmtpCheck passed(String server, String security, List<String> steps) {
        return new SmtpCheck("passed", null, server, security, List.copyOf(steps));
    }

    public static SmtpCheck failed(String reason, String server, String security, List<String> steps) {
        return new SmtpCheck("failed", reason, server, security, List.copyOf(steps));
    }
}
