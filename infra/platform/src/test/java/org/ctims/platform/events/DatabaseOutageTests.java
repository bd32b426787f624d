package org.ctims.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageTests {

    @Test
    void anUnreachableOrRestartingDatabaseIsAnOutage() {
        assertThat(DatabaseOutage.is(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("request timed out")))).isTrue();
        assertThat(DatabaseOutage.is(new DataAccessResourceFailureException("I/O error"))).isTrue();
        assertThat(DatabaseOutage.is(new UncategorizedSQLException("insert", "insert ...",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseOutage.is(new RuntimeException(new SQLException("the database system is starting up", "57P03"))))
                .isTrue();
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException("An I/O error occurred"));
        assertThat(DatabaseOutage.is(rollbackFailed)).isTrue();
        assertThat(DatabaseOutage.is(new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"))))
                .isTrue();
        assertThat(DatabaseOutage.is(new TransactionSystemException("JDBC commit failed", new SQLException("Connection is closed"))))
                .as("a failed commit may have committed: not 'nothing was changed'").isFalse();
    }

    @Test
    void aFailureOfTheWorkIsNot() {
        assertThat(DatabaseOutage.is(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(DatabaseOutage.is(new SQLException("value too long", "22001"))).isFalse();
        assertThat(DatabaseOutage.is(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseOutage.is(null)).isFalse();
    }

    @Test
    void waitOutRunsTheWorkAgainUntilTheDatabaseAnswersAndThrowsAnyOtherFailure() {
        AtomicInteger calls = new AtomicInteger();
        DatabaseOutage.waitOut(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new DataAccessResourceFailureException("Connection refused");
            }
        });
        assertThat(calls).hasValue(3);

        assertThatThrownBy(() -> DatabaseOutage.waitOut(() -> {
            throw new DataIntegrityViolationException("duplicate key");
        })).isInstanceOf(DataIntegrityViolationException.class);
    }
}
