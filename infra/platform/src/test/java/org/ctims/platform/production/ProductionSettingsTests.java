package org.ctims.platform.production;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

class ProductionSettingsTests {

    private static final String DB = "jdbc:postgresql://db.example.org:5432/ctims";
    private static final String ISSUER = "https://sign-in.example.org/realms/ctims";

    private static MockEnvironment settings(String password, String issuer) {
        return new MockEnvironment()
                .withProperty("spring.datasource.url", DB)
                .withProperty("spring.datasource.password", password)
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
    }

    @Test
    void realSecretsAndAnHttpsIssuerAreFine() {
        assertThat(ProductionSettings.problems(settings("s3cret-from-the-vault", ISSUER))).isEmpty();
    }

    @Test
    void anEmptyOrDemoDatabasePasswordIsRefused() {
        assertThat(ProductionSettings.problems(settings("", ISSUER))).singleElement().asString()
                .contains("database password is empty");
        assertThat(ProductionSettings.problems(settings("demo-followup", ISSUER))).singleElement().asString()
                .contains("demo password");
    }

    @Test
    void aPlainHttpIssuerIsRefusedUnlessItIsOnThisMachine() {
        assertThat(ProductionSettings.problems(settings("s3cret", "http://sign-in.example.org/realms/ctims")))
                .singleElement().asString().contains("not HTTPS");
        assertThat(ProductionSettings.problems(settings("s3cret", "http://127.0.0.1:8180/realms/ctims"))).isEmpty();
    }

    @Test
    void theDemoRealmsSecretsAreKnown() {
        assertThat(ProductionSettings.isDemoSecret("gateway-demo-secret")).isTrue();
        assertThat(ProductionSettings.isDemoSecret("Demo-anything")).isTrue();
        assertThat(ProductionSettings.isDemoSecret("x7Jq-long-random")).isFalse();
    }

    @Test
    void aServiceWithTheProductionProfileDoesNotStartOnDemoSettings() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ProductionSafeguardsAutoConfiguration.class))
                .withPropertyValues("spring.profiles.active=production", "spring.datasource.url=" + DB,
                        "spring.datasource.password=demo-roster")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("not starting with the production profile")
                        .hasMessageContaining("demo password"));
    }

    @Test
    void withoutTheProductionProfileNothingIsChecked() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ProductionSafeguardsAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + DB, "spring.datasource.password=")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean("demoRealmTokensRefused"));
    }
}
