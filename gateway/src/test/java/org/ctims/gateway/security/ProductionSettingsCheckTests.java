package org.ctims.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProductionSettingsCheckTests {

    private static final String ISSUER = "https://sign-in.example.org/realms/ctims";

    @Test
    void aRealSecretAnHttpsIssuerAndSecureCookiesAreFine() {
        assertThat(ProductionSettingsCheck.problems(new OidcProperties(ISSUER, "gateway", "x7Jq-from-the-vault"), true))
                .isEmpty();
    }

    @Test
    void theDemoSecretIsRefused() {
        assertThat(ProductionSettingsCheck.problems(new OidcProperties(ISSUER, "gateway", "gateway-demo-secret"), true))
                .singleElement().asString().contains("CTIMS_GATEWAY_CLIENT_SECRET");
    }

    @Test
    void aPlainHttpIssuerAndCookiesWithoutTlsAreRefused() {
        assertThat(ProductionSettingsCheck.problems(
                new OidcProperties("http://sign-in.example.org/realms/ctims", "gateway", "x7Jq"), false))
                .hasSize(2).anySatisfy(p -> assertThat(p).contains("not HTTPS"))
                .anySatisfy(p -> assertThat(p).contains("CTIMS_GATEWAY_SECURE_COOKIES"));
    }
}
