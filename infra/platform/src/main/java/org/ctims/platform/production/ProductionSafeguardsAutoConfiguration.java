package org.ctims.platform.production;

import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;

/**
 * With the {@code production} profile a service does not start on demo settings, and refuses
 * tokens of the demo realm: the demo realm marks every token with the claim
 * {@value #DEMO_REALM_CLAIM}, and its users and secrets are public.
 */
@AutoConfiguration
@Profile("production")
public class ProductionSafeguardsAutoConfiguration {

    public static final String DEMO_REALM_CLAIM = "ctims_demo";

    @Bean
    OAuth2TokenValidator<Jwt> demoRealmTokensRefused() {
        return new JwtClaimValidator<Object>(DEMO_REALM_CLAIM, claim -> claim == null);
    }

    @Bean
    InitializingBean productionSettingsCheck(Environment environment) {
        return () -> {
            List<String> problems = ProductionSettings.problems(environment);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("not starting with the production profile: "
                        + String.join("; ", problems));
            }
        };
    }
}
