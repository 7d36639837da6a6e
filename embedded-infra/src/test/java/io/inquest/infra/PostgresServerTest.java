package io.inquest.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void createdDatabaseAcceptsConnections() throws Exception {
        try (PostgresServer pg = PostgresServer.onFreePort().start()) {
            String db = pg.createDatabase("inquest_check");
            pg.createDatabase("inquest_check");

            try (var c = DriverManager.getConnection(pg.jdbcUrl(db), PostgresServer.USER, "");
                    var rs = c.createStatement().executeQuery("select current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("inquest_check");
            }
        }
    }

    @Test
    void droppedDatabaseIsGoneAndCanBeMadeAgainEmpty() throws Exception {
        try (PostgresServer pg = PostgresServer.onFreePort().start()) {
            String db = pg.createDatabase("inquest_scenario_1");
            try (var c = DriverManager.getConnection(pg.jdbcUrl(db), PostgresServer.USER, "")) {
                c.createStatement().execute("create table leftover (id int)");
                // An open connection does not keep the database alive.
                pg.dropDatabase(db);
            }
            pg.createDatabase(db);

            try (var c = DriverManager.getConnection(pg.jdbcUrl(db), PostgresServer.USER, "");
                    var rs = c.createStatement().executeQuery("select count(*) from pg_tables where tablename = 'leftover'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("a fresh database has none of the old tables").isZero();
            }
        }
    }
}
