package io.inquest.investigation.engine.tools.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A rule's expression written into an alert's description, told apart from prose. */
class ExpressionInTextTest {

    @Test
    void aDescriptionThatIsAnExpressionIsReadAsOne() {
        AlertExpression e = AlertExpression.fromText(
                "kube_statefulset_replicas{namespace=\"data\"} - kube_statefulset_status_replicas_ready > 0").orElseThrow();

        assertThat(e.signal()).isEqualTo("kube_statefulset_replicas{namespace=\"data\"} - kube_statefulset_status_replicas_ready");
        assertThat(e.op()).isEqualTo(">");
        assertThat(e.threshold()).isEqualTo(0.0);
    }

    @Test
    void anAggregatedExpressionWithARangeIsReadToo() {
        assertThat(AlertExpression.fromText("sum by (queue) (rate(jobs_failed_total[5m])) > 2.5")).isPresent();
    }

    @Test
    void proseThatQuotesAMetricIsNotAnExpression() {
        assertThat(AlertExpression.fromText("More than 2% of checkout_requests fail with 5xx > 0.02 over 5 minutes")).isEmpty();
        assertThat(AlertExpression.fromText("Consumer lag is 5183 messages (threshold 5000)")).isEmpty();
    }

    @Test
    void anExpressionWithoutAThresholdIsNotTakenFromText() {
        assertThat(AlertExpression.fromText("kafka_consumergroup_lag_sum")).isEmpty();
    }
}
