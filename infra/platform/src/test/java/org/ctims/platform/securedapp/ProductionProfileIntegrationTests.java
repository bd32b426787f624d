package org.ctims.platform.securedapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.ctims.platform.production.ProductionSafeguardsAutoConfiguration;
import org.ctims.testing.RealInfrastructure;
import org.ctims.testing.security.TestTokens.TokenSpec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** With the production profile a service refuses the demo realm's tokens and keeps accepting real ones. */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ctims.service.schema=things", "spring.datasource.password=not-a-demo-password"})
@ActiveProfiles("production")
@RealInfrastructure
class ProductionProfileIntegrationTests extends SecuredAppTest {

    private int statusOf(String token) throws Exception {
        return get("/things/me", token).statusCode();
    }

    @Test
    void aTokenOfTheDemoRealmIsRefused() throws Exception {
        TokenSpec teacher = TokenSpec.person("teacher-a", List.of("teacher"), List.of("10001"), "700001");

        assertThat(statusOf(tokens.token(teacher))).isEqualTo(200);
        assertThat(statusOf(tokens.token(teacher.withClaim(ProductionSafeguardsAutoConfiguration.DEMO_REALM_CLAIM,
                true)))).isEqualTo(401);
    }
}
