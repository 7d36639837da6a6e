package io.inquest.investigation.engine.tools.logs;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One HTTP request as an access log records it. Read from the common and combined log formats
 * (nginx, Apache, gunicorn's default), the ingress-nginx controller's format (whose
 * {@code [namespace-service-port]} field names the backend the request went to), uvicorn's
 * {@code INFO: 10.0.0.1:5000 - "GET / HTTP/1.1" 200 OK}, any line with a quoted request line
 * followed by its status, and JSON access logs by the usual field names.
 *
 * @param upstream the ingress-nginx upstream ({@code shop-cart-8080}), when the line names one
 * @param duration seconds, when the line carries one
 */
public record AccessLogLine(Instant time, String pod, String client, String method, String path, int status, String userAgent,
        Double duration, String upstream) {

    private static final String METHODS = "GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT|TRACE|PROPFIND";
    /** Common/combined: host ident user [time] "request" status bytes ["referer" "agent"], then ingress-nginx's fields. */
    private static final Pattern COMBINED = Pattern.compile("^(\\S+) \\S+ \\S+ \\[[^\\]]+\\] \"(" + METHODS + ") (\\S+)[^\"]*\" (\\d{3}) \\S+"
            + "(?: \"[^\"]*\" \"((?:[^\"\\\\]|\\\\.)*)\")?(?: (\\d+) ([\\d.]+) \\[([^\\]]*)\\])?");
    /** uvicorn and the like: 10.0.0.1:5000 - "GET /x HTTP/1.1" 200 */
    private static final Pattern QUOTED_REQUEST = Pattern.compile("(?:(\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:]+)(?::\\d+)? - )?\""
            + "(" + METHODS + ") (\\S+) HTTP/[\\d.]+\" (\\d{3})\\b");
    private static final List<String> METHOD_KEYS = List.of("method", "http_method", "request_method", "httpMethod", "requestMethod",
            "http.method", "http.request.method", "request.method", "req.method", "httpRequest.requestMethod");
    private static final List<String> PATH_KEYS = List.of("path", "uri", "request_uri", "requestUri", "url", "request_path", "http.target",
            "url.path", "http.url", "request.path", "request.url", "req.url", "httpRequest.requestUrl", "route");
    private static final List<String> STATUS_KEYS = List.of("status", "status_code", "statusCode", "http_status", "response_status",
            "http.status_code", "http.response.status_code", "response.status", "res.statusCode", "httpRequest.status");
    private static final List<String> AGENT_KEYS = List.of("user_agent", "userAgent", "http_user_agent", "ua", "agent",
            "user_agent.original", "http.user_agent", "request.headers.user-agent", "req.headers.user-agent", "httpRequest.userAgent");
    private static final List<String> CLIENT_KEYS = List.of("client_ip", "clientIp", "remote_addr", "remoteAddr", "remote_ip", "client",
            "ip", "x_forwarded_for", "client.ip", "source.ip", "http.client_ip", "req.remoteAddress", "httpRequest.remoteIp");
    private static final List<String> DURATION_SECONDS_KEYS = List.of("request_time", "duration_s", "elapsed_s", "latency_seconds");
    private static final List<String> DURATION_MS_KEYS = List.of("duration_ms", "elapsed_ms", "latency_ms", "response_time_ms",
            "responseTime", "response_time", "duration", "elapsed", "latency", "took");

    /** The request this line records, if it records one. */
    public static Optional<AccessLogLine> parse(LogLine line) {
        String text = line.text().strip();
        if (text.startsWith("{")) {
            return json(line, text);
        }
        Matcher m = COMBINED.matcher(text);
        if (m.find()) {
            Double duration = m.group(7) == null ? null : Double.valueOf(m.group(7));
            String upstream = m.group(8) == null || m.group(8).isBlank() ? null : m.group(8);
            return Optional.of(new AccessLogLine(line.time(), line.pod(), m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4)),
                    blankToNull(m.group(5)), duration, upstream));
        }
        m = QUOTED_REQUEST.matcher(text);
        if (m.find()) {
            return Optional.of(new AccessLogLine(line.time(), line.pod(), m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4)),
                    null, null, null));
        }
        return Optional.empty();
    }

    private static Optional<AccessLogLine> json(LogLine line, String text) {
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
        String method = text(json, METHOD_KEYS);
        String path = text(json, PATH_KEYS);
        String status = text(json, STATUS_KEYS);
        if (method == null || path == null || status == null || !status.matches("\\d{3}")) {
            return Optional.empty();
        }
        method = method.toUpperCase(Locale.ROOT);
        if (!method.matches(METHODS)) {
            return Optional.empty();
        }
        if (path.matches("^(?:" + METHODS + ") \\S+.*")) {
            path = path.split(" ")[1];
        }
        path = path.replaceFirst("^https?://[^/]+", "");
        Double duration = number(text(json, DURATION_SECONDS_KEYS));
        if (duration == null) {
            duration = number(text(json, DURATION_MS_KEYS));
            duration = duration == null ? null : duration / 1000;
        }
        String client = text(json, CLIENT_KEYS);
        if (client != null && client.contains(",")) {
            client = client.substring(0, client.indexOf(',')).strip();
        }
        return Optional.of(new AccessLogLine(line.time(), line.pod(), client, method, path, Integer.parseInt(status),
                text(json, AGENT_KEYS), duration, null));
    }

    /** The first key present, a dotted key read as nested objects when the flat key is absent. */
    private static String text(JsonObject json, List<String> keys) {
        for (String key : keys) {
            Object value = json.getValue(key);
            if (value == null && key.contains(".")) {
                Object at = json;
                for (String part : key.split("\\.")) {
                    at = at instanceof JsonObject o ? o.getValue(part) : at instanceof Map<?, ?> m ? m.get(part) : null;
                }
                value = at;
            }
            if (value instanceof String || value instanceof Number) {
                String s = String.valueOf(value).strip();
                if (!s.isEmpty()) {
                    return s;
                }
            }
        }
        return null;
    }

    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text.replaceAll("(?i)(ms|s)$", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equals("-") ? null : s;
    }

    /** The route: the path without its query string, numeric, UUID and long hex segments as {@code {id}}. */
    public String route() {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        int hash = p.indexOf('#');
        if (hash >= 0) {
            p = p.substring(0, hash);
        }
        String[] segments = p.split("/", -1);
        StringBuilder route = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (i > 0) {
                route.append('/');
            }
            boolean id = s.matches("\\d+") || s.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                    || (s.length() >= 16 && s.matches("(?i)[0-9a-f]+")) || (s.length() >= 20 && s.matches("[A-Za-z0-9_-]+") && s.matches(".*\\d.*"));
            route.append(id ? "{id}" : s);
        }
        String r = route.toString();
        return method + " " + (r.isEmpty() ? "/" : r);
    }

    /** The client's network: an IPv4 address's /24, an IPv6 address's /48; anything else as it is. */
    public String clientPrefix() {
        if (client == null) {
            return null;
        }
        Matcher v4 = Pattern.compile("^(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})\\.\\d{1,3}$").matcher(client);
        if (v4.find()) {
            return v4.group(1) + ".0/24";
        }
        String[] parts = client.split(":");
        if (client.contains(":") && parts.length >= 3) {
            return parts[0] + ":" + parts[1] + ":" + parts[2] + "::/48";
        }
        return client;
    }
}
