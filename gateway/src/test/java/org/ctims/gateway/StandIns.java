package org.ctims.gateway;

import org.ctims.testing.security.TestTokens;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a gateway test class runs against instead of Keycloak and the services: a real test issuer
 * and one recording service behind every route. Held in a static {@code @RegisterExtension} field,
 * handed to the class's {@code @DynamicPropertySource}, and stopped when the class is done.
 */
final class StandIns implements AfterAllCallback {

    final TestTokens keycloak = TestTokens.start();
    final RecordingService services = RecordingService.start();

    private StandIns() {
    }

    static StandIns start() {
        return new StandIns();
    }

    /** The gateway's issuer and every service's route pointed at the stand-ins. */
    void register(DynamicPropertyRegistry registry) {
        GatewayTestSupport.issuerAndServices(registry, keycloak, services);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        services.close();
        keycloak.close();
    }
}
