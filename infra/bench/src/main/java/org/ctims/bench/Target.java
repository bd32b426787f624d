package org.ctims.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.ctims.bench.harness.Keycloak;
import org.ctims.local.StackConfig;

/** Where the running stack answers (all on 127.0.0.1) and how to reach its database and broker. */
public record Target(StackConfig config, Keycloak keycloak) {

    public static Target of(StackConfig config) {
        return new Target(config, new Keycloak(config.keycloakUrl(), config.keycloakAdminUser(), config.keycloakAdminPassword()));
    }

    /** A service's own address, e.g. {@code service("followup")} → http://127.0.0.1:9082 */
    public String service(String name) {
        return "http://" + config.host() + ":" + config.servicePorts().get(name);
    }

    public String gateway() {
        return "http://" + config.host() + ":" + config.gatewayPort();
    }

    public String brokers() {
        return config.kafkaBrokers();
    }

    public Connection database() throws SQLException {
        return DriverManager.getConnection(config.dbUrl(), config.dbUser(), config.dbPassword());
    }
}
