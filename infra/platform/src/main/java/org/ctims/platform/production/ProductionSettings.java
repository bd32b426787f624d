package org.ctims.platform.production;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.env.Environment;

/**
 * What a service started with the {@code production} profile refuses to run with: the demo
 * realm's and the local stack's settings, which are public in this repository.
 */
public final class ProductionSettings {

    /** Secrets published with the demo realm and the demo deployment; never valid in production. */
    public static final Set<String> DEMO_SECRETS = Set.of("gateway-demo-secret", "sis-connector-demo-secret",
            "report-reader-demo-secret", "admin");

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    private ProductionSettings() {
    }

    /** Every reason the settings are not fit for production; empty when they are. */
    public static List<String> problems(Environment environment) {
        List<String> problems = new ArrayList<>();
        String password = environment.getProperty("spring.datasource.password", "");
        if (environment.containsProperty("spring.datasource.url")) {
            if (password.isBlank()) {
                problems.add("the database password is empty (set CTIMS_DB_PASSWORD)");
            } else if (isDemoSecret(password)) {
                problems.add("the database password is a demo password (set CTIMS_DB_PASSWORD)");
            }
        }
        String issuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "");
        if (!issuer.isBlank() && !isHttpsOrLoopback(issuer)) {
            problems.add("the sign-in issuer " + issuer + " is not HTTPS (set CTIMS_ISSUER_URI)");
        }
        return problems;
    }

    public static boolean isDemoSecret(String secret) {
        return DEMO_SECRETS.contains(secret) || secret.toLowerCase(Locale.ROOT).startsWith("demo-");
    }

    /** HTTPS, or a server on this machine (a test, or a proxy-less single host). */
    static boolean isHttpsOrLoopback(String uri) {
        URI parsed = URI.create(uri);
        return "https".equalsIgnoreCase(parsed.getScheme()) || LOOPBACK_HOSTS.contains(parsed.getHost());
    }
}
