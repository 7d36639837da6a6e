package io.inquest.infra.quarkus;

import java.util.Map;

import io.inquest.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL server for {@code @QuarkusTest}s with a database of the service's own,
 * named by the {@code database} init argument. It keeps its data across a stop and start, so an
 * outage test can take it away and bring it back.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static PostgresServer server;
    private String database = "inquest";

    static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.restartableOnFreePort().start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-postgres"));
        }
        return server;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer pg = server().start();
        pg.createDatabase(database);
        return Map.of(
                "quarkus.datasource.reactive.url", pg.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server(),
                new TestInjector.AnnotatedAndMatchesType(InjectInfrastructure.class, PostgresServer.class));
    }

    @Override
    public void stop() {
        // Shared by the test JVM; the shutdown hook stops it.
    }
}
