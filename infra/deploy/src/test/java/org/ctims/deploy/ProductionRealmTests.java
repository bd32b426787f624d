package org.ctims.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The production realm: no demo users, no password grant, exact redirects, rotated refresh tokens. */
class ProductionRealmTests {

    /** The claim production services refuse (the platform's ProductionSafeguardsAutoConfiguration). */
    private static final String DEMO_MARKER = "ctims_demo";

    private static final Path REALMS = Modules.repoRoot().resolve("infra/keycloak/src/main/resources/keycloak");

    private static JsonNode realm(String file) {
        return JsonMapper.builder().build().readTree(Modules.read(REALMS.resolve(file)));
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.get(field).asString()));
        return names;
    }

    @Test
    void hasNoPeopleOnlyTheMachineClientsServiceAccounts() {
        for (JsonNode user : realm("ctims-realm-production.json").get("users")) {
            assertThat(user.get("username").asString()).startsWith("service-account-");
            assertThat(user.has("credentials")).isFalse();
        }
    }

    @Test
    void noClientAllowsThePasswordGrantOrTheImplicitFlow() {
        JsonNode clients = realm("ctims-realm-production.json").get("clients");
        assertThat(names(clients, "clientId")).containsExactlyInAnyOrder("gateway", "sis-connector", "report-reader");
        for (JsonNode client : clients) {
            assertThat(client.path("directAccessGrantsEnabled").asBoolean(false)).isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean(false)).isFalse();
        }
    }

    @Test
    void secretsAndAddressesComeFromTheEnvironmentWithoutDefaults() {
        for (JsonNode client : realm("ctims-realm-production.json").get("clients")) {
            assertThat(client.get("secret").asString()).matches("\\$\\{CTIMS_[A-Z_]+}");
        }
        JsonNode gateway = gateway(realm("ctims-realm-production.json"));
        assertThat(gateway.get("rootUrl").asString()).isEqualTo("${CTIMS_PUBLIC_URL}");
        gateway.get("webOrigins").forEach(origin -> assertThat(origin.asString()).isEqualTo("${CTIMS_PUBLIC_URL}"));
    }

    @Test
    void redirectsAreExactAndRefreshTokensRotate() {
        JsonNode realm = realm("ctims-realm-production.json");
        JsonNode gateway = gateway(realm);
        List<String> redirects = new ArrayList<>();
        gateway.get("redirectUris").forEach(uri -> redirects.add(uri.asString()));
        assertThat(redirects).containsExactly("${CTIMS_PUBLIC_URL}/login/oauth2/code/keycloak");
        assertThat(gateway.get("attributes").get("pkce.code.challenge.method").asString()).isEqualTo("S256");
        assertThat(realm.get("revokeRefreshToken").asBoolean()).isTrue();
        assertThat(realm.get("refreshTokenMaxReuse").asInt()).isZero();
        assertThat(realm.get("sslRequired").asString()).isEqualTo("all");
    }

    @Test
    void rolesClaimsAndUserProfileAreTheDemoRealmsSoTheServicesSeeTheSameTokens() {
        JsonNode production = realm("ctims-realm-production.json");
        JsonNode demo = realm("ctims-realm.json");
        assertThat(production.get("roles")).isEqualTo(demo.get("roles"));
        assertThat(production.get("components")).isEqualTo(demo.get("components"));
        assertThat(withoutDemoMarker(gateway(production).get("protocolMappers")))
                .isEqualTo(withoutDemoMarker(gateway(demo).get("protocolMappers")));
        assertThat(production.get("realm").asString()).isEqualTo(demo.get("realm").asString());
    }

    @Test
    void everyTokenOfTheDemoRealmIsMarkedSoProductionServicesRefuseItAndNoProductionTokenIs() {
        for (JsonNode client : realm("ctims-realm.json").get("clients")) {
            assertThat(claimsOf(client)).as(client.get("clientId").asString()).contains(DEMO_MARKER);
        }
        for (JsonNode client : realm("ctims-realm-production.json").get("clients")) {
            assertThat(claimsOf(client)).as(client.get("clientId").asString()).doesNotContain(DEMO_MARKER);
        }
    }

    private static List<String> claimsOf(JsonNode client) {
        List<String> claims = new ArrayList<>();
        client.path("protocolMappers").forEach(mapper -> claims.add(mapper.path("config").path("claim.name").asString("")));
        return claims;
    }

    private static List<JsonNode> withoutDemoMarker(JsonNode mappers) {
        List<JsonNode> kept = new ArrayList<>();
        mappers.forEach(mapper -> {
            if (!DEMO_MARKER.equals(mapper.path("config").path("claim.name").asString(""))) {
                kept.add(mapper);
            }
        });
        return kept;
    }

    private static JsonNode gateway(JsonNode realm) {
        for (JsonNode client : realm.get("clients")) {
            if (client.get("clientId").asString().equals("gateway")) {
                return client;
            }
        }
        throw new AssertionError("no gateway client");
    }
}
