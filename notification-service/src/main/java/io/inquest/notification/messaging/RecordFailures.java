package io.inquest.notification.messaging;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.vertx.sqlclient.DatabaseException;
import jakarta.validation.ConstraintViolationException;

/**
 * Tells a record that can never be processed (poison: it goes to the dead-letter topic with its
 * reason) from a failure of something the record needs (transient: the consumer waits and tries
 * again for as long as it lasts). In doubt a failure is transient: a stalled consumer shows on
 * readiness and recovers by itself, a good record on a dead-letter topic is an alert nobody
 * investigates. The investigation-service classifies the same way; services share events only,
 * so each keeps its own copy.
 */
public final class RecordFailures {

    /** What to do with the record whose processing failed. */
    public enum Kind {
        /** Dead-letter it with the reason, and go on with the next record. */
        POISON,
        /** Keep it, wait, and try again. */
        TRANSIENT
    }

    /** PostgreSQL SQLState class 22, data exception: this row can never be written as it is. */
    private static final String DATA_EXCEPTION_CLASS = "22";

    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)(password|secret|token)=[^\\s&;,]+");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("//[^/@\\s]+@");

    private RecordFailures() {
    }

    public static Kind classify(Throwable failure) {
        return poisonReason(failure).isPresent() ? Kind.POISON : Kind.TRANSIENT;
    }

    /**
     * The failure as it should leave the retry: an {@link UnreadableEventException} carrying the
     * reason when it can never succeed, the failure itself otherwise.
     */
    public static Throwable asPoisonIfPermanent(Throwable failure) {
        if (failure instanceof UnreadableEventException) {
            return failure;
        }
        return poisonReason(failure).<Throwable>map(reason -> new UnreadableEventException(reason, failure)).orElse(failure);
    }

    /** One line for an operator: the failure's type and message, without credentials. */
    public static String describe(Throwable failure) {
        Throwable shown = failure;
        while (shown.getCause() != null && shown.getCause() != shown
                && (shown.getMessage() == null || shown instanceof CompletionException || shown instanceof ExecutionException)) {
            shown = shown.getCause();
        }
        if (shown.getMessage() == null) {
            return shown.getClass().getSimpleName();
        }
        String message = SECRET_PARAMETER.matcher(shown.getMessage()).replaceAll("$1=***");
        return shown.getClass().getSimpleName() + ": " + URL_CREDENTIALS.matcher(message).replaceAll("//***@");
    }

    private static Optional<String> poisonReason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnreadableEventException) {
                return Optional.of(t.getMessage());
            }
            if (t instanceof JsonProcessingException json) {
                return Optional.of("unreadable JSON: " + json.getOriginalMessage());
            }
            if (t instanceof ConstraintViolationException invalid) {
                return Optional.of("invalid: " + invalid.getMessage());
            }
            String sqlState = t instanceof DatabaseException db ? db.getSqlState()
                    : t instanceof SQLException sql ? sql.getSQLState() : null;
            if (sqlState != null && sqlState.startsWith(DATA_EXCEPTION_CLASS)) {
                return Optional.of("permanent data error (SQLState " + sqlState + "): " + t.getMessage());
            }
        }
        return Optional.empty();
    }
}
