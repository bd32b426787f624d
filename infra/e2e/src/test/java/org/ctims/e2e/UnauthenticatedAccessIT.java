package org.ctims.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.ctims.local.StackConfig;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(RunningStack.class)
class UnauthenticatedAccessIT {

    private final StackConfig stack;

    UnauthenticatedAccessIT(StackConfig stack) {
        this.stack = stack;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/me", "/api/roster/x", "/api/followups/x", "/api/certifications/x", "/api/reports/x"})
    void everyApiRouteAnswers401WithoutASessionOrToken(String path) {
        var response = Http.get(stack.gatewayUrl() + path, Map.of("Accept", "application/json"));

        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/me", "/api/roster/x"})
    void aForgedBearerTokenIsRejected(String path) {
        var response = Http.get(stack.gatewayUrl() + path, Map.of("Authorization", "Bearer not-a-real-token"));

        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(401);
    }
}
