package org.ctims.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.ctims.local.LocalStack;
import org.ctims.local.StackConfig;
import org.ctims.testing.security.TestTokens;

/** What a fault test works with: the running stack, its database, broker, services and tokens. */
final class Faults {

    static final String ROSTER = "roster-service";
    static final String FOLLOWUP = "followup-service";
    static final String REPORT = "report-service";
    static final String KAFKA = "kafka";
    static final String POSTGRES = "postgres";

    private final LocalStack stack;
    private final StackConfig config;
    private final TestTokens tokens;

    Faults(LocalStack stack, StackConfig config, TestTokens tokens) {
        this.stack = stack;
        this.config = config;
        this.tokens = tokens;
    }

    LocalStack stack() {
        return stack;
    }

    TestTokens tokens() {
        return tokens;
    }

    String brokers() {
        return config.kafkaBrokers();
    }

    /** The base URL of a service, e.g. {@code followup}. */
    String service(String name) {
        return "http://" + config.host() + ":" + config.servicePorts().get(name);
    }

    /** How many times each fault is injected per test ({@code -Dctims.faults.rounds}, default 1). */
    static int rounds() {
        String value = System.getProperty("ctims.faults.rounds", "1");
        return value.isBlank() || value.startsWith("$") ? 1 : Math.max(1, Integer.parseInt(value.trim()));
    }

    /** How many lines of a part's log contain {@code text} (e.g. a warning the fault should cause). */
    long logLines(String part, String text) {
        java.nio.file.Path log = config.logDir().resolve(part + ".log");
        try (var lines = java.nio.file.Files.lines(log, java.nio.charset.StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(config.dbUrl(), config.dbUser(), config.dbPassword());
    }

    /** The first column of the first row as a number (a count). */
    long count(String sql, Object... args) {
        List<List<Object>> rows = rows(sql, args);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(0)).longValue();
    }

    List<List<Object>> rows(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Waits (bounded) until {@code condition} holds, polling every 250 ms; fails with {@code what} otherwise. */
    static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                last = null;
            } catch (RuntimeException e) {
                last = e; // e.g. the database is still starting
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting until " + what, e);
            }
        }
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what
                + (last == null ? "" : " (last check failed: " + last + ")"), last);
    }
}
