package org.ctims.bench.harness;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The stack's real Keycloak: tokens with the password grant of the public client {@code ctims-cli}
 * (as a script of a signed-in person gets them), and bench users created through the admin API.
 */
public final class Keycloak {

    private final String baseUrl;
    private final String adminUser;
    private final String adminPassword;

    /** @param baseUrl e.g. {@code http://127.0.0.1:9180} */
    public Keycloak(String baseUrl, String adminUser, String adminPassword) {
        this.baseUrl = baseUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    public String token(String username, String password) {
        return accessToken("ctims", "grant_type=password&client_id=ctims-cli&scope=openid&username=" + encode(username)
                + "&password=" + encode(password));
    }

    /**
     * Creates (or leaves as it is) a teacher who acts for {@code pid} with the state staff id
     * {@code staffId}; the password is the username.
     */
    public void ensureTeacher(String username, String pid, String staffId) {
        String admin = accessToken("master", "grant_type=password&client_id=admin-cli&username=" + encode(adminUser)
                + "&password=" + encode(adminPassword));
        String users = baseUrl + "/admin/realms/ctims/users";
        if (Http.get(users + "?exact=true&username=" + encode(username), admin).json().size() == 0) {
            Map<String, Object> user = Map.of("username", username, "enabled", true, "emailVerified", true,
                    "email", username + "@bench.example.org", "firstName", "Bench", "lastName", username,
                    "attributes", Map.of("org_pids", List.of(pid), "staff_id", List.of(staffId)),
                    "credentials", List.of(Map.of("type", "password", "value", username, "temporary", false)));
            Http.postJson(users, admin, Http.JSON.writeValueAsString(user)).expect(201, "create " + username);
        }
        String id = Http.get(users + "?exact=true&username=" + encode(username), admin).json().get(0).get("id").asString();
        JsonNode role = Http.get(baseUrl + "/admin/realms/ctims/roles/teacher", admin).expect(200, "role teacher").json();
        Http.postJson(users + "/" + id + "/role-mappings/realm", admin,
                "[" + Http.JSON.writeValueAsString(Map.of("id", role.get("id").asString(), "name", "teacher")) + "]")
                .expect(204, "give " + username + " the teacher role");
    }

    private String accessToken(String realm, String form) {
        Http.Answer answer = Http.postForm(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token", form);
        return answer.expect(200, "token from realm " + realm).json().get("access_token").asString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
