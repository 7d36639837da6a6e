package io.inquest.infra.quarkus;

import java.util.Map;

import io.inquest.infra.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker for {@code @QuarkusTest}s. One broker serves the whole test JVM (every
 * test owns its data through unique ids), and stops when the JVM exits.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;

    static synchronized KafkaBroker broker() {
        if (broker == null) {
            broker = KafkaBroker.onFreePorts().start();
            KafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.kill();
                started.close(); // removes its data folder
            }, "stop-test-kafka"));
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().start().bootstrapServers());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker(),
                new TestInjector.AnnotatedAndMatchesType(InjectInfrastructure.class, KafkaBroker.class));
    }

    @Override
    public void stop() {
        // The broker outlives one application start; the JVM shutdown hook stops it.
    }
}
