package org.ctims.testing;

/**
 * A freshly created, empty PostgreSQL database for one test class.
 *
 * @param name the database name
 * @param jdbcUrl a JDBC url to it (no query string)
 * @param username a user that owns it
 * @param password that user's password (may be empty)
 */
public record TestDatabase(String name, String jdbcUrl, String username, String password) {
}
