package org.ctims.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class ConsumerRetryPolicyTests {

    private final RetryTemplate template = new RetryTemplate(new ConsumerRetryPolicy(3, Duration.ofMillis(1), 2.0,
            Duration.ofMillis(4), Duration.ofMillis(4)));
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aRejectedEventIsNotRetried() {
        assertThatThrownBy(() -> template.execute(() -> {
            calls.incrementAndGet();
            throw new RejectedEventException("unknown type");
        })).isInstanceOf(RetryException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFailureOfTheWorkIsTriedMaxAttemptsTimes() {
        assertThatThrownBy(() -> template.execute(() -> {
            calls.incrementAndGet();
            throw new DataIntegrityViolationException("duplicate key");
        })).isInstanceOf(RetryException.class);
        assertThat(calls).hasValue(3);
    }

    @Test
    void anUnreachableDatabaseIsWaitedForHoweverManyTriesItTakes() throws Exception {
        String result = template.execute(() -> {
            if (calls.incrementAndGet() <= 20) {
                throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLException("Connection refused", "08001"));
            }
            return "applied";
        });
        assertThat(result).isEqualTo("applied");
        assertThat(calls).hasValue(21);
    }

    @Test
    void triesDuringAnOutageDoNotCountAgainstTheWork() {
        assertThatThrownBy(() -> template.execute(() -> {
            if (calls.incrementAndGet() <= 5) {
                throw new CannotCreateTransactionException("Could not open JDBC Connection",
                        new SQLTransientConnectionException("Connection is not available, request timed out after 5000ms"));
            }
            throw new IllegalStateException("a bug");
        })).isInstanceOf(RetryException.class);
        assertThat(calls).hasValue(5 + 3);
    }
}
