package io.inquest.investigation.engine.tools.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChangePointTest {

    @Test
    void aStepUpIsFoundWhereItStarts() {
        List<double[]> series = series(0.01, 0.01, 0.012, 0.01, 0.011, 0.01, 0.2, 0.21, 0.22, 0.2);
        ChangePoint change = ChangePoint.find(series).orElseThrow();
        assertThat(change.epochSecond()).isEqualTo(6 * 30);
        assertThat(change.after()).isEqualTo(0.2);
    }

    @Test
    void oneSpikeOrAFlatLineIsNoChange() {
        assertThat(ChangePoint.find(series(1, 1, 1, 1, 5, 1, 1, 1, 1))).isEmpty();
        assertThat(ChangePoint.find(series(3, 3, 3, 3, 3, 3, 3))).isEmpty();
        assertThat(ChangePoint.find(series(1, 9))).as("too short to say").isEmpty();
    }

    private static List<double[]> series(double... values) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new double[] {i * 30, values[i]});
        }
        return points;
    }
}
