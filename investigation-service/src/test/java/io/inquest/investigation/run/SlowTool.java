package io.inquest.investigation.run;

import java.time.Duration;
import java.util.List;

import io.inquest.investigation.engine.EvidenceTool;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.ToolFindings;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A tool that takes its time, so a test can act while an investigation is running. Only where a test profile asks for it. */
@ApplicationScoped
@IfBuildProperty(name = "inquest.test.slow-tool", stringValue = "true")
public class SlowTool implements EvidenceTool {

    static final Duration DELAY = Duration.ofSeconds(3);

    @Override
    public String name() {
        return "slow_test_tool";
    }

    @Override
    public Uni<ToolFindings> investigate(Subject subject) {
        return Uni.createFrom().item(new ToolFindings("took " + DELAY.toSeconds() + " s", List.of()))
                .onItem().delayIt().by(DELAY);
    }
}
