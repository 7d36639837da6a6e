package io.inquest.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The gateway's public API over HTTP, with its errors turned into {@link CliException}s an operator can act on. */
final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    GatewayClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
    }

    JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    JsonNode post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)).build());
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE().build());
    }

    /** Reads a Server-Sent Events stream until the server ends it; each event's name and data go to {@code onEvent}. */
    void stream(String path, Consumer<SseEvent> onEvent) {
        HttpRequest request = request(path).header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 400) {
                throw error(response.statusCode(), new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            onEvent.accept(new SseEvent(id, name, JSON.readTree(data.toString())));
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            }
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.UNREACHABLE, "interrupted");
        }
    }

    /** One event of a stream. */
    record SseEvent(String id, String name, JsonNode data) {
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw error(response.statusCode(), response.body());
            }
            return response.body() == null || response.body().isBlank() ? JsonNodeFactory.instance.objectNode()
                    : JSON.readTree(response.body());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.UNREACHABLE, "interrupted");
        }
    }

    private CliException unreachable(IOException e) {
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException || e.getCause() instanceof ConnectException) {
            return new CliException(CliException.UNREACHABLE, "cannot reach the gateway at " + baseUrl
                    + " (is it running? set --url or INQUEST_URL)");
        }
        return new CliException(CliException.UNREACHABLE, "talking to the gateway at " + baseUrl + " failed: " + e);
    }

    private static CliException error(int status, String body) {
        String detail = body;
        try {
            JsonNode problem = JSON.readTree(body);
            detail = problem.path("detail").asText(body);
            StringBuilder fields = new StringBuilder();
            problem.path("errors").forEach(e -> fields.append("\n  ").append(e.path("field").asText()).append(": ")
                    .append(e.path("message").asText()));
            detail += fields;
        } catch (IOException notJson) {
            // keep the body as it is
        }
        return switch (status) {
            case 401 -> new CliException(CliException.UNAUTHORIZED, "the gateway refused the token: " + detail
                    + " (set --token or INQUEST_TOKEN)");
            case 403 -> new CliException(CliException.UNAUTHORIZED, "the token may not do this: " + detail
                    + " (use a token with that scope: --token or INQUEST_TOKEN)");
            case 404 -> new CliException(CliException.NOT_FOUND, detail);
            case 400, 409, 413, 415, 422 -> new CliException(CliException.INVALID, detail);
            default -> new CliException(CliException.UNREACHABLE, "the gateway answered " + status + ": " + detail);
        };
    }

    static ObjectMapper json() {
        return JSON;
    }
}
