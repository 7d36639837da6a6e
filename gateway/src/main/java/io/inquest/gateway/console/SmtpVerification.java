package io.inquest.gateway.console;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The notification-service's SMTP check: the server and security in force, what went through, and why it failed. */
public record SmtpVerification(String result, String server, String security, String reason, List<String> steps) {

    static SmtpVerification of(JsonNode check) {
        return new SmtpVerification(check.path("result").asText(""), check.path("server").asText(""),
                check.path("security").asText(""), Json.text(check.path("reason")), Json.texts(check.path("steps")));
    }
}
