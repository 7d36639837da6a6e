package io.inquest.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the embedded binaries on Maven Central (zonky). Each service
 * gets its own database, as in production.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final int port;
    private final Path dataDir;
    /** Made for this server alone: removed when it is closed. */
    private final boolean temporary;
    private EmbeddedPostgres postgres;

    private PostgresServer(int port, Path dataDir, boolean temporary) {
        this.port = port;
        this.dataDir = dataDir;
        this.temporary = temporary;
    }

    /** A throw-away server on a free port. */
    public static PostgresServer onFreePort() {
        return new PostgresServer(FreePorts.next(), null, false);
    }

    /**
     * A throw-away server on a free port that can be stopped and started again with its data
     * (for fault runs); its data folder is removed when it is closed.
     */
    public static PostgresServer restartableOnFreePort() {
        try {
            return new PostgresServer(FreePorts.next(), Files.createTempDirectory("inquest-pg"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on {@code port} whose data is kept in {@code dataDir} between runs. */
    public static PostgresServer at(Path dataDir, int port) {
        return new PostgresServer(port, dataDir, false);
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

    /** Drops {@code database} if it exists, ending its open connections first. */
    public void dropDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop database " + database, e);
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

    /**
     * PostgreSQL's main process while it runs, read from the PID file in its data folder
     * ({@code pg_ctl} detaches it from this JVM); empty for a server without a known folder.
     */
    public synchronized Optional<ProcessHandle> postmaster() {
        if (postgres == null || dataDir == null) {
            return Optional.empty();
        }
        try {
            Path pidFile = dataDir.resolve("postmaster.pid");
            return Files.exists(pidFile)
                    ? ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException unreadable) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        stop();
        if (temporary) {
            DataFolders.remove(dataDir);
        }
    }
}
