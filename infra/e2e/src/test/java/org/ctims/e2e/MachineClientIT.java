package org.ctims.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import org.ctims.local.StackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A SIS integration calls the API with its own client-credentials token, no browser, no session. */
@ExtendWith(RunningStack.class)
class MachineClientIT {

    private final StackConfig stack;

    MachineClientIT(StackConfig stack) {
        this.stack = stack;
    }

    @Test
    void sisConnectorReachesTheGatewayWithItsClientCredentialsToken() {
        var token = Http.postForm(stack.issuerUri() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials",
                "client_id", "sis-connector",
                "client_secret", "sis-connector-demo-secret"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = JsonPath.read(token.body(), "$.access_token");

        var me = Http.get(stack.gatewayUrl() + "/api/me", Map.of(
                "Authorization", "Bearer " + accessToken, "Accept", "application/json"));

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        List<String> roles = JsonPath.read(me.body(), "$.roles");
        assertThat(roles).contains("sis-integration");
    }
}
