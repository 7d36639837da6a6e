package io.inquest.investigation.engine.tools.logs;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Structured (JSON) log lines read as the text a person would read: the level, the logger, the
 * message and the error, and a stack trace carried in a field as the lines that continue it.
 * Spring's Logstash encoder, ECS, zap, logrus, bunyan/pino and structlog all write one.
 */
final class JsonLogLines {

    private static final List<String> MESSAGE = List.of("message", "msg", "log", "event", "@message", "textPayload");
    private static final List<String> LEVEL = List.of("level", "severity", "lvl", "log.level", "loglevel", "levelname");
    private static final List<String> LOGGER = List.of("logger_name", "logger", "log.logger", "name", "caller");
    private static final List<String> ERROR = List.of("error", "err", "exception", "error.message", "exc_info", "error_message");
    private static final List<String> STACK = List.of("stack_trace", "stacktrace", "stack", "error.stack_trace", "exception.stacktrace",
            "exc_text", "trace");

    private JsonLogLines() {
    }

    /** The line itself when it is not a JSON object; otherwise its head and the stack trace lines that continue it. */
    static List<LogLine> expand(LogLine line) {
        String text = line.text().strip();
        if (!text.startsWith("{") || !text.endsWith("}")) {
            return List.of(line);
        }
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            return List.of(line);
        }
        String message = first(json, MESSAGE);
        if (message == null) {
            return List.of(line);
        }
        StringBuilder head = new StringBuilder();
        String level = level(json);
        if (level != null) {
            head.append(level.toUpperCase(java.util.Locale.ROOT)).append(' ');
        }
        String logger = first(json, LOGGER);
        if (logger != null) {
            head.append(logger).append(": ");
        }
        head.append(message.strip().replace('\n', ' '));
        String error = first(json, ERROR);
        if (error == null) {
            error = nested(json, ERROR, "message");
        }
        if (error != null && !message.contains(error)) {
            head.append(": ").append(error.strip().replace('\n', ' '));
        }
        List<LogLine> lines = new ArrayList<>();
        lines.add(with(line, head.toString()));
        String stack = first(json, STACK);
        if (stack == null) {
            stack = nested(json, ERROR, "stack");
        }
        if (stack != null) {
            for (String frame : stack.split("\\r?\\n")) {
                if (!frame.isBlank()) {
                    // Continuation lines: indented, so they join the entry the head starts.
                    lines.add(with(line, frame.startsWith("Caused by:") || Character.isWhitespace(frame.charAt(0)) ? frame : "\t" + frame));
                }
            }
        }
        return lines;
    }

    private static LogLine with(LogLine line, String text) {
        return new LogLine(line.time(), line.pod(), line.container(), line.previous(), text, line.backend());
    }

    /** The level by name, or by bunyan/pino's numbers (50 error, 60 fatal). */
    private static String level(JsonObject json) {
        String named = first(json, LEVEL);
        if (named != null) {
            return named;
        }
        Object number = json.getValue("level");
        if (number instanceof Number n) {
            int value = n.intValue();
            return value >= 60 ? "fatal" : value >= 50 ? "error" : value >= 40 ? "warn" : value >= 30 ? "info" : "debug";
        }
        return null;
    }

    /** A text field of an error object ({@code "err": {"type": ..., "message": ..., "stack": ...}}). */
    private static String nested(JsonObject json, List<String> keys, String field) {
        for (String key : keys) {
            if (json.getValue(key) instanceof JsonObject error && error.getValue(field) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    /** The first of the keys present with a text value; dotted keys are looked up flat and nested. */
    private static String first(JsonObject json, List<String> keys) {
        for (String key : keys) {
            Object value = json.getValue(key);
            if (value == null && key.contains(".")) {
                String[] parts = key.split("\\.", 2);
                Object outer = json.getValue(parts[0]);
                value = outer instanceof JsonObject nested ? nested.getValue(parts[1]) : null;
            }
            if (value instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }
}
