package io.inquest.investigation.engine.tools.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;

class TrafficProfileTest {

    private static final Instant ALERT = Instant.parse("2026-04-11T19:40:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            combined      | `203.0.113.7 - - [11/Apr/2026:19:39:58 +0000] "GET /v2/orders/81723?expand=items HTTP/1.1" 200 5121 "-" "okhttp/4.12.0"` | GET /v2/orders/{id} | 200 | okhttp/4.12.0 | 203.0.113.0/24
            common        | `10.0.0.4 - alice [11/Apr/2026:19:39:58 +0000] "POST /login HTTP/1.0" 401 12` | POST /login | 401 | | 10.0.0.0/24
            ingress-nginx | `198.51.100.23 - - [11/Apr/2026:19:39:58 +0000] "GET /api/catalog/items/3f2b8c1e-9a4d-4e6b-8c1f-2d3e4f5a6b7c HTTP/2.0" 504 160 "https://shop.example.org/" "Mozilla/5.0 (compatible; PetalBot)" 412 60.001 [shop-catalog-8080] [] 10.42.1.17:8080 0 60.000 504 a81f3` | GET /api/catalog/items/{id} | 504 | Mozilla/5.0 (compatible; PetalBot) | 198.51.100.0/24
            uvicorn       | `INFO:     10.244.3.9:51844 - "DELETE /carts/42/lines/7 HTTP/1.1" 204 No Content` | DELETE /carts/{id}/lines/{id} | 204 | | 10.244.3.0/24
            gunicorn      | `10.1.2.3 - - [11/Apr/2026:19:39:58 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"` | GET /healthz | 200 | kube-probe/1.29 | 10.1.2.0/24
            json          | `{"ts":"2026-04-11T19:39:58Z","level":"info","msg":"request","method":"post","path":"/oauth/token?grant_type=refresh_token","status":429,"user_agent":"TillApp/3.1 (Android 14)","remote_addr":"2001:db8:12:34::9","duration_ms":3.2}` | POST /oauth/token | 429 | TillApp/3.1 (Android 14) | 2001:db8:12::/48
            json-nested   | `{"time":"2026-04-11T19:39:58Z","http":{"method":"GET","status_code":503,"user_agent":"curl/8.5.0"},"url":{"path":"/reports/2026/04"},"client":{"ip":"192.0.2.200"}}` | GET /reports/{id}/{id} | 503 | curl/8.5.0 | 192.0.2.0/24
            """)
    void readsTheRequestOfEachAccessLogFormat(String format, String text, String route, int status, String agent, String prefix) {
        Optional<AccessLogLine> request = AccessLogLine.parse(line(ALERT, "web-1", text));

        assertThat(request).as("a request read from a %s line", format).isPresent();
        assertThat(request.get().route()).isEqualTo(route);
        assertThat(request.get().status()).isEqualTo(status);
        assertThat(request.get().userAgent()).isEqualTo(agent);
        assertThat(request.get().clientPrefix()).isEqualTo(prefix);
    }

    @Test
    void theIngressUpstreamAndRequestTimeAreRead() {
        AccessLogLine request = AccessLogLine.parse(line(ALERT, "ingress-nginx-controller-abc12", "198.51.100.23 - - [11/Apr/2026:19:39:58 +0000] "
                + "\"GET /search?q=x HTTP/1.1\" 200 99 \"-\" \"Go-http-client/1.1\" 300 1.250 [shop-search-80] [] 10.42.1.9:80 99 1.250 200 ff"))
                .orElseThrow();

        assertThat(request.upstream()).isEqualTo("shop-search-80");
        assertThat(request.duration()).isEqualTo(1.25);
    }

    @Test
    void applicationLinesAreNotRequests() {
        assertThat(AccessLogLine.parse(line(ALERT, "web-1", "2026-04-11 19:39:58 INFO Started OrderService in 4.2 seconds"))).isEmpty();
        assertThat(AccessLogLine.parse(line(ALERT, "web-1", "{\"level\":\"error\",\"msg\":\"payment failed\",\"status\":\"declined\"}")))
                .isEmpty();
    }

    @Test
    void aCrawlerSurgeIsNamedByRouteAgentClientAndStatus() {
        List<LogLine> lines = new ArrayList<>();
        // Before: 40 minutes of ordinary shoppers, 2 a minute.
        for (int i = 0; i < 40; i++) {
            Instant at = ALERT.minusSeconds(3000 - i * 60L);
            lines.add(line(at, "web-1", combined(at, "81.2.69." + (10 + i), "GET /basket", 200, "Mozilla/5.0 (Macintosh) Safari/605.1.15")));
            lines.add(line(at.plusSeconds(20), "web-1", combined(at, "81.2.70." + (10 + i), "GET /products/" + (100 + i), 200,
                    "Mozilla/5.0 (Windows NT 10.0) Firefox/131.0")));
        }
        // Around the alert: a headless browser walks the catalogue pages, 30 a minute, from one network.
        for (int i = 0; i < 450; i++) {
            Instant at = ALERT.minusSeconds(540 - i * 2L);
            lines.add(line(at, "web-2", combined(at, "185.220.101." + (i % 40), "GET /catalogue?page=" + i, i % 9 == 0 ? 504 : 200,
                    "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/126.0.0.0 Safari/537.36")));
        }
        lines.add(line(ALERT.minusSeconds(200), "web-2", "[2026-04-11 19:36:40 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:57)"));

        List<Observation> found = TrafficProfile.analyse(lines, ALERT, "shop/storefront");

        Observation profile = found.stream().filter(o -> o.signal() == Signal.ACCESS_LOG).findFirst().orElseThrow();
        assertThat(profile.attr("topRoute")).isEqualTo("GET /catalogue");
        assertThat(profile.number("topRouteShare").orElseThrow()).isGreaterThan(0.9);
        assertThat(profile.attr("topUserAgent")).contains("HeadlessChrome/126");
        assertThat(profile.attr("topClient")).isEqualTo("185.220.101.0/24");
        assertThat(profile.attr("statuses")).contains("504=50");
        assertThat(profile.number("ratio").orElseThrow()).isGreaterThan(3);
        assertThat(profile.text()).contains("% are GET /catalogue", "from user agent \"Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/126",
                "504 x50", "/min before");
        Observation timeout = found.stream().filter(o -> o.signal() == Signal.LOG_SIGNATURE).findFirst().orElseThrow();
        assertThat(timeout.attr("signature")).isEqualTo("worker_timeout");
        assertThat(timeout.text()).contains("WORKER TIMEOUT (pid:57)");
    }

    @Test
    void aRetryStormOfOneClientVersionShowsAsWhatGrew() {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant at = ALERT.minusSeconds(1800 - i * 20L);
            lines.add(line(at, "auth-1", json(at, "POST", "/oauth/token", 200, i % 2 == 0 ? "TillApp/3.0 (Android 14)" : "TillApp/3.1 (Android 14)")));
        }
        for (int i = 0; i < 300; i++) {
            Instant at = ALERT.minusSeconds(500 - i * 2L);
            String agent = i % 10 == 0 ? "TillApp/3.0 (Android 14)" : "TillApp/3.1 (Android 14)";
            lines.add(line(at, "auth-1", json(at, "POST", "/oauth/token", i % 3 == 0 ? 200 : 429, agent)));
        }

        Observation profile = TrafficProfile.analyse(lines, ALERT, "identity/auth").get(0);

        assertThat(profile.attr("grew")).isEqualTo("user agent TillApp/3.1 (Android 14)");
        assertThat(profile.attr("statuses")).isEqualTo("429=200");
        assertThat(profile.text()).contains("POST /oauth/token", "429 x200", "what grew most: user agent \"TillApp/3.1 (Android 14)\"");
    }

    @Test
    void aHandfulOfRequestsSaysNothing() {
        List<LogLine> lines = List.of(line(ALERT, "web-1", combined(ALERT, "10.0.0.1", "GET /", 200, "curl/8.5.0")));

        assertThat(TrafficProfile.analyse(lines, ALERT, "shop/web")).isEmpty();
    }

    static String combined(Instant at, String client, String request, int status, String agent) {
        return client + " - - [11/Apr/2026:19:00:00 +0000] \"" + request + " HTTP/1.1\" " + status + " 1834 \"-\" \"" + agent + "\"";
    }

    private static String json(Instant at, String method, String path, int status, String agent) {
        return "{\"time\":\"" + at + "\",\"level\":\"info\",\"method\":\"" + method + "\",\"path\":\"" + path + "\",\"status\":" + status
                + ",\"userAgent\":\"" + agent + "\",\"client_ip\":\"100.64.3.4\",\"duration_ms\":12}";
    }

    static LogLine line(Instant at, String pod, String text) {
        return new LogLine(at, pod, "app", false, text, "kubernetes");
    }
}
