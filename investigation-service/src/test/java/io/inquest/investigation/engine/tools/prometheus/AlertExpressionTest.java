package io.inquest.investigation.engine.tools.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertExpressionTest {

    @Test
    void theGeneratorLinksExpressionIsSplitIntoSignalAndThreshold() {
        AlertExpression.FromLink link = AlertExpression.fromGeneratorUrl("http://prometheus-k8s-0:9090/graph?g0.expr="
                + "sum+by+%28job%29+%28rate%28http_requests_total%7Bjob%3D%22orders%22%2Ccode%3D~%225..%22%7D%5B5m%5D%29%29"
                + "+%2F+sum+by+%28job%29+%28rate%28http_requests_total%7Bjob%3D%22orders%22%7D%5B5m%5D%29%29+%3E+0.05&g0.tab=1");

        AlertExpression expr = link.expression().orElseThrow();
        assertThat(expr.signal()).isEqualTo("sum by (job) (rate(http_requests_total{job=\"orders\",code=~\"5..\"}[5m]))"
                + " / sum by (job) (rate(http_requests_total{job=\"orders\"}[5m]))");
        assertThat(expr.op()).isEqualTo(">");
        assertThat(expr.threshold()).isEqualTo(0.05);
        assertThat(link.problem()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "up{job=\"db\"} == 0                                   | up{job=\"db\"}                       | ==  | 0",
            "0.9 < node_filesystem_free_ratio                       | node_filesystem_free_ratio           | >   | 0.9",
            "kube_pod_container_status_restarts_total > bool 3      | kube_pod_container_status_restarts_total | > | 3",
            "rate(x{a=~\"b>c\"}[1m]) >= 1e3                          | rate(x{a=~\"b>c\"}[1m])               | >=  | 1000",
            "avg(x) < 10 and on(job) up == 1                        | avg(x)                               | <   | 10",
            "(pg_replication_lag > 60) and on (instance) (pg_replication_is_replica == 1) | pg_replication_lag | > | 60",
            "(a > b) and c                                          | (a > b) and c                        |     | ",
            "absent(up{job=\"a\"} > 1)                              | absent(up{job=\"a\"} > 1)            |     | ",
    })
    void comparisonsAreFoundOutsideBracketsAndStrings(String expr, String signal, String op, Double threshold) {
        AlertExpression parsed = AlertExpression.parse(expr);
        assertThat(parsed.signal()).isEqualTo(signal);
        assertThat(parsed.op()).isEqualTo(op);
        assertThat(parsed.threshold()).isEqualTo(threshold);
    }

    @Test
    void aMalformedGeneratorLinkIsAProblemToReportNotAFailure() {
        assertThat(AlertExpression.fromGeneratorUrl("http://prom:9090/graph?g0.expr=rate(x[5m] > 1").problem())
                .hasValueSatisfying(p -> assertThat(p).contains("not a URL"));
        assertThat(AlertExpression.fromGeneratorUrl("http://prom:9090/graph?g0.expr=rate%28x%5B5m%5D+%3E+1").problem())
                .hasValueSatisfying(p -> assertThat(p).contains("cut off or unbalanced"));
        assertThat(AlertExpression.fromGeneratorUrl("http://prom:9090/graph?g0.expr=").problem()).isPresent();
    }

    @Test
    void aLinkWithoutAnExpressionGivesNone() {
        assertThat(AlertExpression.fromGeneratorUrl("https://grafana.example.com/alerting/grafana/abc/view").expression()).isEmpty();
        assertThat(AlertExpression.fromGeneratorUrl("https://grafana.example.com/alerting/grafana/abc/view").problem()).isEmpty();
        assertThat(AlertExpression.fromGeneratorUrl(null).expression()).isEmpty();
    }

    @Test
    void anExpressionInTheAnnotationsTakesAThresholdAnnotationWhenItHasNoComparison() {
        AlertExpression expr = AlertExpression.fromAnnotations(Map.of("query", "sum(rate(errors[5m])) / sum(rate(requests[5m]))",
                "threshold", "0.05", "ratio_5m", "0.318"), Map.of()).orElseThrow();

        assertThat(expr.signal()).isEqualTo("sum(rate(errors[5m])) / sum(rate(requests[5m]))");
        assertThat(expr.op()).isEqualTo(">");
        assertThat(expr.threshold()).isEqualTo(0.05);
        assertThat(AlertExpression.fromAnnotations(Map.of("expr", "up == 0"), Map.of())).hasValueSatisfying(e -> assertThat(e.op()).isEqualTo("=="));
        assertThat(AlertExpression.fromAnnotations(Map.of("summary", "disk full"), Map.of())).isEmpty();
    }

    @Test
    void crossingFollowsTheOperator() {
        assertThat(AlertExpression.parse("x > 0.05").crossed(0.06)).isTrue();
        assertThat(AlertExpression.parse("x > 0.05").crossed(0.05)).isFalse();
        assertThat(AlertExpression.parse("x < 1").crossed(0)).isTrue();
        assertThat(AlertExpression.parse("x < 1").firesLow()).isTrue();
        assertThat(AlertExpression.parse("absent(x)").crossed(1)).as("no threshold: any value fires").isTrue();
    }
}
