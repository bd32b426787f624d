package org.ctims.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The backup procedure of docs/OPERATIONS.md, carried out: {@code pg_dump --format=custom} of one
 * service's schema, {@code pg_restore} into a new empty database on the same server, and every
 * table of the schema compared (row count and a checksum over all rows) between the original and
 * the restored copy. The original's figures come from the snapshot that pg_dump dumps, so a service
 * that goes on writing meanwhile cannot make the copies differ. The scratch database is dropped
 * afterwards.
 */
public final class BackupRoundTrip {

    /** One table's figures: rows and an md5 over its rows in a fixed order. */
    public record Table(long rows, String checksum) {
    }

    /** The tables as they were and as restored, by name. */
    public record Result(Map<String, Table> original, Map<String, Table> restored) {
    }

    private BackupRoundTrip() {
    }

    public static Result run(String jdbcUrl, String username, String password, String schema) throws Exception {
        URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = server.getPath().substring(1);
        Path dump = Files.createTempFile("ctims-" + schema + "-", ".dump");
        String scratch = "ctims_restore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            Map<String, Table> original;
            // The service keeps working while it is dumped (its outbox relay deletes sent rows): the
            // figures of the original are taken in the very snapshot that pg_dump then dumps.
            try (Connection snapshot = DriverManager.getConnection(jdbcUrl(server, database), username, password)) {
                snapshot.setAutoCommit(false);
                snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                String id;
                try (Statement statement = snapshot.createStatement();
                     ResultSet rs = statement.executeQuery("select pg_export_snapshot()")) {
                    rs.next();
                    id = rs.getString(1);
                }
                original = tables(snapshot, schema);
                run(password, "pg_dump", "--format=custom", "--schema=" + schema, "--no-owner", "--no-privileges",
                        "--snapshot=" + id, "--host=" + server.getHost(), "--port=" + port(server), "--username=" + username,
                        "--file=" + dump, database);
                snapshot.rollback();
            }
            try (Connection admin = DriverManager.getConnection(jdbcUrl(server, database), username, password);
                 Statement statement = admin.createStatement()) {
                statement.execute("create database " + scratch);
            }
            run(password, "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--host=" + server.getHost(),
                    "--port=" + port(server), "--username=" + username, "--dbname=" + scratch, dump.toString());
            try (Connection restored = DriverManager.getConnection(jdbcUrl(server, scratch), username, password)) {
                return new Result(original, tables(restored, schema));
            }
        } finally {
            Files.deleteIfExists(dump);
            try (Connection admin = DriverManager.getConnection(jdbcUrl(server, database), username, password);
                 Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + scratch + " with (force)");
            }
        }
    }

    /** Every table of {@code schema} with its figures, as {@code connection} sees them. */
    public static Map<String, Table> tables(Connection connection, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String name : names.stream().sorted().toList()) {
            String table = "\"" + schema + "\".\"" + name + "\"";
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select count(*), md5(coalesce(string_agg(t::text, E'\\n' order by t::text), ''))"
                         + " from " + table + " t")) {
                rs.next();
                tables.put(name, new Table(rs.getLong(1), rs.getString(2)));
            }
        }
        return tables;
    }

    private static void run(String password, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (password != null && !password.isEmpty()) {
            builder.environment().put("PGPASSWORD", password);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command[0]) + " failed: " + output);
        }
    }

    private static String jdbcUrl(URI server, String database) {
        return "jdbc:postgresql://" + server.getHost() + ":" + port(server) + "/" + database;
    }

    private static int port(URI server) {
        return server.getPort() < 0 ? 5432 : server.getPort();
    }
}
