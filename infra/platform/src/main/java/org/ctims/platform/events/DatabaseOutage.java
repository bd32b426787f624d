package org.ctims.platform.events;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.ctims.platform.logging.PersonalData;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure because the database cannot be reached (stopped, restarting, failing over, no
 * connection in time) from a failure of the work itself. An event that failed for the first reason
 * is not at fault: consumers wait for the database instead of counting it as an attempt, and never
 * send such an event to a dead-letter topic.
 */
public final class DatabaseOutage {

    private static final org.apache.commons.logging.Log log = org.apache.commons.logging.LogFactory.getLog(DatabaseOutage.class);

    private DatabaseOutage() {
    }

    /**
     * Runs {@code work} until it does not fail for a {@link #is database outage}: after such a failure it
     * waits (1 s, doubling to 10 s) and runs it again, as long as it takes. Any other failure is thrown.
     * For consumers that handle their own retries (a batch consumer); bindings get the same through the
     * platform's retry template.
     */
    public static void waitOut(Runnable work) {
        long pause = 1000;
        boolean logged = false;
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (!is(e)) {
                    throw e;
                }
                if (!logged) {
                    log.warn("The database is unreachable; waiting for it before trying again: "
                            + PersonalData.redacted(String.valueOf(e)));
                    logged = true;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the database", interrupted);
            }
            pause = Math.min(pause * 2, 10_000);
        }
    }

    /**
     * Spring's "JDBC rollback failed" with a JDBC cause: a rollback only fails when the connection is gone
     * (the pool's "Connection is closed" carries no SQLState), and then the server has rolled back already.
     * A failed commit is not counted: its outcome is unknown.
     */
    private static boolean rollbackOnLostConnection(TransactionSystemException failed) {
        return failed.getMessage() != null && failed.getMessage().startsWith("JDBC rollback failed")
                && failed.getCause() instanceof SQLException;
    }

    /** True when {@code failure} or one of its causes says the database is unreachable. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof TransactionSystemException failed && (failed.getApplicationException() != null
                    ? is(failed.getApplicationException()) : rollbackOnLostConnection(failed))) {
                return true; // the rollback failed because the connection was gone: nothing was committed
            }
            // 08: connection exception; 57P: the server shuts down, crashed, or is starting up
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
