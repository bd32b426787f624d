package org.ctims.gateway.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * With the {@code production} profile the gateway does not start on the demo realm's client
 * secret (it is public in this repository), on a plain-HTTP issuer or with session cookies that
 * would travel without TLS.
 */
@Component
@Profile("production")
class ProductionSettingsCheck implements InitializingBean {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    private final OidcProperties oidc;
    private final Environment environment;

    ProductionSettingsCheck(OidcProperties oidc, Environment environment) {
        this.oidc = oidc;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = problems(oidc, environment.getProperty("server.reactive.session.cookie.secure",
                Boolean.class, false));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("not starting with the production profile: " + String.join("; ", problems));
        }
    }

    static List<String> problems(OidcProperties oidc, boolean secureCookies) {
        List<String> problems = new ArrayList<>();
        String secret = oidc.clientSecret() == null ? "" : oidc.clientSecret();
        if (secret.isBlank() || secret.toLowerCase(Locale.ROOT).contains("demo")) {
            problems.add("the gateway's client secret is empty or the demo realm's (set CTIMS_GATEWAY_CLIENT_SECRET)");
        }
        URI issuer = URI.create(oidc.issuerUri());
        if (!"https".equalsIgnoreCase(issuer.getScheme()) && !LOOPBACK_HOSTS.contains(issuer.getHost())) {
            problems.add("the sign-in issuer " + issuer + " is not HTTPS (set CTIMS_ISSUER_URI)");
        }
        if (!secureCookies) {
            problems.add("session cookies would be sent without TLS (set CTIMS_GATEWAY_SECURE_COOKIES=true)");
        }
        return problems;
    }
}
