package org.ctims.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL: the server already listening at the configured address if there is one, else an
 * embedded PostgreSQL (zonky) whose data folder is kept in the run folder. Either way the
 * database is created when missing.
 */
final class PostgresPart implements Part {

    private final StackConfig config;
    private final String host;
    private final int port;
    private final String database;
    private EmbeddedPostgres embedded;
    private boolean prepared;

    PostgresPart(StackConfig config) {
        this.config = config;
        URI uri = URI.create(config.dbUrl().substring("jdbc:".length()));
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 5432;
        this.database = uri.getPath().substring(1);
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void launch() {
        if (Net.listening(host, port)) {
            Log.info("PostgreSQL: using the server already listening on " + host + ":" + port);
        } else if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new StackException("PostgreSQL: nothing listens on " + host + ":" + port
                    + " (from CTIMS_DB_URL=" + config.dbUrl() + "). Start that server or unset CTIMS_DB_URL.");
        } else {
            startEmbedded();
        }
    }

    private void startEmbedded() {
        Path data = config.runDir().resolve("postgres");
        Path log = config.logDir().resolve("postgres.log");
        Log.info("PostgreSQL: none on " + host + ":" + port + ", starting an embedded one (data in " + data + ")");
        try {
            Files.createDirectories(data);
            Files.createDirectories(log.getParent());
            embedded = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", host)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new StackException("PostgreSQL: the embedded server did not start: " + e.getMessage()
                    + ". Last lines of " + log + ":\n" + ChildProcess.tail(log, 30), e);
        }
    }

    @Override
    public void awaitReady() {
        String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(adminUrl, config.dbUser(), config.dbPassword());
             Statement s = c.createStatement()) {
            boolean exists;
            try (var rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                exists = rs.next();
            }
            // "fresh" means fresh at the stack's start, not after a restart of PostgreSQL alone
            if (exists && config.freshDatabase() && !prepared) {
                s.execute("drop database \"" + database + "\" with (force)");
                exists = false;
            }
            if (!exists) {
                s.execute("create database \"" + database + "\"");
                Log.info("PostgreSQL: created database " + database);
            }
            prepared = true;
        } catch (SQLException e) {
            throw new StackException("PostgreSQL on " + host + ":" + port + " refused us (user " + config.dbUser()
                    + "): " + e.getMessage() + ". Set CTIMS_DB_USER / CTIMS_DB_PASSWORD, or CTIMS_DB_URL for another server.", e);
        }
    }

    @Override
    public void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                Log.info("PostgreSQL: stopping the embedded server failed: " + e.getMessage());
            }
            embedded = null;
        }
    }

    @Override
    public List<ProcessHandle> processes() {
        if (embedded == null) {
            return List.of();
        }
        // the postmaster's pid is the first line of postmaster.pid in the data folder
        try {
            long pid = Long.parseLong(Files.readAllLines(config.runDir().resolve("postgres/postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).stream().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
