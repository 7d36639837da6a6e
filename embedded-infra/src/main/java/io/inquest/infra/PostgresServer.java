package io.inquest.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the embedded binaries on Maven Central (zonky). Each service
 * gets its own database, as in production.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final int port;
    private final Path dataDir;
    private EmbeddedPostgres postgres;

    private PostgresServer(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    /** A throw-away server on a free port. */
    public static PostgresServer onFreePort() {
        return new PostgresServer(FreePorts.next(), null);
    }

    /** A server on {@code port} whose data is kept in {@code dataDir} between runs. */
    public static PostgresServer at(Path dataDir, int port) {
        return new PostgresServer(port, dataDir);
    }

    public synchronized PostgresServer start() {
        if (postgres != null) {
            return this;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port);
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            postgres = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    /** Creates {@code database} unless it exists; returns its name. */
    public String createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var rs = exists.executeQuery()) {
                if (!rs.next()) {
                    c.createStatement().execute("create database " + database);
                }
            }
            return database;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL", e);
        } finally {
            postgres = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
