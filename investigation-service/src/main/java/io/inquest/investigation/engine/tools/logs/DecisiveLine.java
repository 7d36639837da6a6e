package io.inquest.investigation.engine.tools.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a multi-line error record an SRE quotes: not the header that opens it but the line
 * that says what went wrong. For a Python traceback its final {@code SomeError: message} line (and,
 * for a validation error, the fields and what is wrong with them); for a Java stack trace its last
 * {@code Caused by:} (or the exception line under a log message); for a Go panic the
 * {@code panic:} message and the first frame of the application.
 */
final class DecisiveLine {

    /** "1 validation error for Settings", "3 validation errors for AppConfig" (pydantic v1 and v2). */
    static final Pattern VALIDATION_HEADER = Pattern.compile("\\b\\d+ validation errors? for \\S+");
    /** A field path under a validation error: {@code warehouse_dsn}, {@code db.port}, {@code items.0.sku}. */
    static final Pattern FIELD = Pattern.compile("^[A-Za-z_][\\w.\\[\\]-]*$");
    private static final Pattern JAVA_EXCEPTION = Pattern.compile(
            "^\\s*(?:Exception in thread \"[^\"]*\" )?(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable|Failure)\\b.*");
    private static final Pattern GO_CALL = Pattern.compile("^([\\w./*()\\[\\]-]+)\\([^()]*\\)$");
    private static final Pattern GO_FILE = Pattern.compile("^\\s+(\\S+\\.go:\\d+)");
    private static final int MAX_FIELDS = 3;
    private static final int MAX_MESSAGE = 120;

    private DecisiveLine() {
    }

    /** The head alone says nothing about what failed: a traceback's or validation error's opening line. */
    static boolean header(String line) {
        String s = line.strip();
        return s.contains("Traceback (most recent call last)") || s.startsWith("goroutine ")
                || s.startsWith("During handling of the above exception") || s.startsWith("The above exception was the direct cause");
    }

    /** The decisive part of the record, or null when its first line already is all there is to quote. */
    static String of(List<String> lines) {
        if (lines.size() < 2) {
            return null;
        }
        String head = lines.get(0).strip();
        for (String line : lines) {
            if (line.contains("Traceback (most recent call last)")) {
                return python(lines);
            }
        }
        if (head.startsWith("panic: ") || head.startsWith("fatal error: ") || head.contains(" panic: ")) {
            return go(lines);
        }
        return java(lines);
    }

    /** The exception line after the last traceback's frames, with a validation error's fields. */
    private static String python(List<String> lines) {
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Traceback (most recent call last)")) {
                last = i;
            }
        }
        boolean framesSeen = false;
        for (int i = last + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (indented(line)) {
                framesSeen = true;
                continue;
            }
            if (framesSeen && !line.isBlank()) {
                return withFields(line.strip(), lines.subList(i + 1, lines.size()));
            }
        }
        return null;
    }

    /**
     * "ValidationError: 1 validation error for Settings: warehouse_dsn (Field required [type=missing])":
     * each field and the first words of its message; the input value is left out (it may be a secret).
     */
    private static String withFields(String exception, List<String> rest) {
        if (!VALIDATION_HEADER.matcher(exception).find()) {
            return exception;
        }
        List<String> fields = new ArrayList<>();
        String field = null;
        for (String line : rest) {
            String s = line.strip();
            if (!indented(line) && FIELD.matcher(s).matches()) {
                field = s;
            } else if (field != null && indented(line) && !s.startsWith("For further information")) {
                fields.add(field + " (" + message(s) + ")");
                field = null;
            }
            if (fields.size() == MAX_FIELDS) {
                break;
            }
        }
        return fields.isEmpty() ? exception : exception + ": " + String.join(", ", fields);
    }

    /** "Field required [type=missing, input_value={...}]" without the input: "Field required [type=missing]". */
    private static String message(String detail) {
        String s = detail.replaceAll(",\\s*input_value=.*?(?=\\]|$)", "").replaceAll(",\\s*input_type=\\w+", "");
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "…" : s;
    }

    /** "panic: ... in pkg.(*T).Method (file.go:143)": the first frame that is not the runtime's. */
    private static String go(List<String> lines) {
        String panic = lines.get(0).strip();
        boolean inGoroutine = false;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("goroutine ")) {
                inGoroutine = true;
                continue;
            }
            Matcher call = GO_CALL.matcher(line.strip());
            if (inGoroutine && !indented(line) && call.matches()) {
                String function = call.group(1);
                if (function.startsWith("panic") || function.startsWith("runtime.")) {
                    continue;
                }
                Matcher file = i + 1 < lines.size() ? GO_FILE.matcher(lines.get(i + 1)) : null;
                String where = file != null && file.find() ? " (" + shortPath(file.group(1)) + ")" : "";
                return panic + " in " + function + where;
            }
        }
        return null;
    }

    private static String shortPath(String path) {
        String[] parts = path.split("/");
        return parts.length <= 3 ? path : String.join("/", List.of(parts).subList(parts.length - 3, parts.length));
    }

    /** The last "Caused by:" (the root cause), else the exception line under a log message. */
    private static String java(List<String> lines) {
        String root = null;
        for (String line : lines) {
            String s = line.strip();
            if (s.startsWith("Caused by: ")) {
                root = s;
            }
        }
        if (root != null) {
            return root;
        }
        for (int i = 1; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (!s.startsWith("at ") && JAVA_EXCEPTION.matcher(s).matches()) {
                return s;
            }
        }
        return null;
    }

    static boolean indented(String line) {
        return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
    }
}
