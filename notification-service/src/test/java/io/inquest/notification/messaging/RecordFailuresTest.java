package io.inquest.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonParseException;

import io.inquest.notification.messaging.RecordFailures.Kind;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.validation.ConstraintViolationException;

class RecordFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("a record the consumer could not read", new UnreadableEventException("not a InvestigationCompleted", null), Kind.POISON),
                Arguments.of("unparseable JSON", new JsonParseException(null, "Unexpected character"), Kind.POISON),
                Arguments.of("a Bean Validation failure", new ConstraintViolationException("investigationId: must not be blank", Set.of()), Kind.POISON),
                Arguments.of("invalid text representation (22P02)", pg("invalid input syntax for type uuid", "22P02"), Kind.POISON),
                Arguments.of("value too long (22001), wrapped by Hibernate", new CompletionException(new HibernateException("insert failed",
                        pg("value too long for type character varying(64)", "22001"))), Kind.POISON),
                Arguments.of("a JDBC data exception", new SQLException("numeric value out of range", "22003"), Kind.POISON),
                Arguments.of("connection refused", new CompletionException(new ConnectException("Connection refused: /127.0.0.1:5432")), Kind.TRANSIENT),
                Arguments.of("connection closed", ClosedConnectionException.INSTANCE, Kind.TRANSIENT),
                Arguments.of("pool exhausted", new VertxException("Timeout", true), Kind.TRANSIENT),
                Arguments.of("a timeout", new TimeoutException("no connection within 30 s"), Kind.TRANSIENT),
                Arguments.of("connection failure (08006)", pg("terminating connection", "08006"), Kind.TRANSIENT),
                Arguments.of("too many connections (53300)", pg("sorry, too many clients already", "53300"), Kind.TRANSIENT),
                Arguments.of("admin shutdown (57P01)", pg("terminating connection due to administrator command", "57P01"), Kind.TRANSIENT),
                Arguments.of("serialization failure (40001)", pg("could not serialize access", "40001"), Kind.TRANSIENT),
                Arguments.of("a unique violation a retry resolves (23505)", pg("duplicate key value", "23505"), Kind.TRANSIENT),
                Arguments.of("anything else from the database layer", new HibernateException("session closed"), Kind.TRANSIENT),
                Arguments.of("an unknown failure", new IllegalStateException("surprise"), Kind.TRANSIENT));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("failures")
    void classifiesPoisonAndTransientFailures(String what, Throwable failure, Kind expected) {
        assertThat(RecordFailures.classify(failure)).as(what).isEqualTo(expected);
    }

    @Test
    void aPermanentDataErrorLeavesTheRetryAsPoisonWithItsSqlStateAsTheReason() {
        Throwable poison = RecordFailures.asPoisonIfPermanent(pg("value too long for type character varying(64)", "22001"));

        assertThat(poison).isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("SQLState 22001").hasMessageContaining("value too long");
    }

    @Test
    void aTransientFailureLeavesTheRetryAsItIs() {
        ConnectException refused = new ConnectException("Connection refused");

        assertThat(RecordFailures.asPoisonIfPermanent(refused)).isSameAs(refused);
    }

    @Test
    void theDescriptionForOperatorsCarriesNoCredentials() {
        String described = RecordFailures.describe(new CompletionException(
                new IllegalStateException("cannot connect to postgresql://inquest:s3cret@db:5432/x password=hunter2")));

        assertThat(described).startsWith("IllegalStateException: cannot connect")
                .doesNotContain("s3cret").doesNotContain("hunter2");
    }

    private static PgException pg(String message, String sqlState) {
        return new PgException(message, "ERROR", sqlState, null);
    }
}
