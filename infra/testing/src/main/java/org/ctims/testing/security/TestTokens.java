package org.ctims.testing.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Keycloak's token signing in a service's own tests: a real RSA key, a real JWKS
 * endpoint on 127.0.0.1, and tokens shaped like the realm {@code ctims} issues them, so a service
 * verifies signature, issuer, audience and expiry exactly as in production. The end-to-end suite
 * uses the real Keycloak.
 */
public final class TestTokens implements AutoCloseable {

    public static final String AUDIENCE = "ctims-api";

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;

    private TestTokens(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/ctims";
    }

    /** Starts a JWKS endpoint at {@code <issuer>/protocol/openid-connect/certs}. */
    public static TestTokens start() {
        try {
            RSAKey key = newKey();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/realms/ctims/protocol/openid-connect/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
            return new TestTokens(key, server);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the test JWKS endpoint", e);
        }
    }

    /** The issuer URI to give the service as {@code CTIMS_ISSUER_URI}. */
    public String issuer() {
        return issuer;
    }

    /**
     * Adds an endpoint below the issuer's {@code protocol/openid-connect/}, e.g. {@code token} for a
     * test that signs in through the authorization-code flow.
     */
    public void serve(String endpoint, HttpHandler handler) {
        server.createContext("/realms/ctims/protocol/openid-connect/" + endpoint, handler);
    }

    public String teacher(String staffId, String... orgPids) {
        return token(TokenSpec.person("teacher-" + staffId, List.of("teacher"), List.of(orgPids), staffId));
    }

    public String schoolAdmin(String... orgPids) {
        return token(TokenSpec.person("admin", List.of("school-admin"), List.of(orgPids), null));
    }

    public String stateAdmin() {
        return token(TokenSpec.person("state", List.of("state-admin"), List.of(), null));
    }

    public String client(String clientId, String role) {
        return token(new TokenSpec(clientId, clientId, List.of(role), List.of(), null, issuer, AUDIENCE,
                Duration.ofMinutes(5), key, Map.of()));
    }

    /** A token signed by a key the service does not know. */
    public String signedByAnotherKey(String role) {
        return token(TokenSpec.person("intruder", List.of(role), List.of(), null).withKey(newKey()));
    }

    public String token(TokenSpec spec) {
        TokenSpec filled = spec.issuer() == null ? spec.withIssuer(issuer) : spec;
        RSAKey signingKey = filled.key() == null ? key : filled.key();
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .subject(UUID.nameUUIDFromBytes(filled.username().getBytes(StandardCharsets.UTF_8)).toString())
                .issuer(filled.issuer())
                .audience(filled.audience() == null ? List.of() : List.of(filled.audience(), "account"))
                .issueTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(filled.lifetime())))
                .claim("azp", "gateway")
                .claim("preferred_username", filled.username())
                .claim("name", filled.displayName())
                .claim("realm_access", Map.of("roles", filled.roles()))
                .claim("org_pids", filled.orgPids());
        if (filled.staffId() != null) {
            claims.claim("staff_id", filled.staffId());
        }
        filled.extraClaims().forEach(claims::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static RSAKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a token says. A null issuer means the test issuer, a null key the test key.
     */
    public record TokenSpec(String username, String displayName, List<String> roles, List<String> orgPids,
                            String staffId, String issuer, String audience, Duration lifetime, RSAKey key,
                            Map<String, Object> extraClaims) {

        public static TokenSpec person(String username, List<String> roles, List<String> orgPids, String staffId) {
            return new TokenSpec(username, username, roles, orgPids, staffId, null, AUDIENCE, Duration.ofMinutes(5), null,
                    Map.of());
        }

        public TokenSpec withIssuer(String issuer) {
            return new TokenSpec(username, displayName, roles, orgPids, staffId, issuer, audience, lifetime, key, extraClaims);
        }

        public TokenSpec withAudience(String audience) {
            return new TokenSpec(username, displayName, roles, orgPids, staffId, issuer, audience, lifetime, key, extraClaims);
        }

        public TokenSpec withLifetime(Duration lifetime) {
            return new TokenSpec(username, displayName, roles, orgPids, staffId, issuer, audience, lifetime, key, extraClaims);
        }

        /** The same token with one more claim, e.g. a realm's marker. */
        public TokenSpec withClaim(String name, Object value) {
            Map<String, Object> claims = new LinkedHashMap<>(extraClaims);
            claims.put(name, value);
            return new TokenSpec(username, displayName, roles, orgPids, staffId, issuer, audience, lifetime, key,
                    Map.copyOf(claims));
        }

        TokenSpec withKey(RSAKey key) {
            return new TokenSpec(username, displayName, roles, orgPids, staffId, issuer, audience, lifetime, key, extraClaims);
        }
    }
}
