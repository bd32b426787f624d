package org.ctims.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctims.deploy.Nodes.at;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The single-host Compose file matches the modules and names every value it needs in .env.example. */
class ComposeFileTests {

    private static final Path COMPOSE_DIR = Modules.repoRoot().resolve("infra/deploy/compose");

    private static Map<String, Object> compose() {
        return new org.yaml.snakeyaml.Yaml().load(Modules.read(COMPOSE_DIR.resolve("compose.yaml")));
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = at(compose(), "services", name);
        assertThat(service).as("compose service %s", name).isNotNull();
        return service;
    }

    @Test
    void itRunsEveryDeployableModuleAndTheServersTheyNeed() {
        Map<String, Object> services = at(compose(), "services");
        Set<String> expected = new HashSet<>(Modules.DEPLOYABLE);
        expected.addAll(List.of("postgres", "kafka", "keycloak"));
        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyModuleGetsOnlyVariablesItReadsAndIsCheckedAtItsReadinessGroup() {
        for (String module : Modules.DEPLOYABLE) {
            Map<String, Object> service = service(module);
            Map<String, Object> env = at(service, "environment");
            for (String variable : env.keySet()) {
                assertThat(Modules.readsOrShares(module, variable)).as("%s reads %s", module, variable).isTrue();
            }
            String port = String.valueOf(Modules.defaultPort(module));
            assertThat(env).containsEntry(Modules.portVariable(module), port);
            List<String> test = at(service, "healthcheck", "test");
            String check = String.join(" ", test);
            assertThat(check).contains("/127.0.0.1/" + port).contains("/actuator/health/readiness");
        }
    }

    @Test
    void theServersAreTheVersionsTheProjectIsBuiltAndTestedWith() {
        assertThat((String) at(service("kafka"), "image")).endsWith(":" + Modules.pomProperty("kafka.version"));
        assertThat((String) at(service("keycloak"), "image")).endsWith(":" + Modules.pomProperty("keycloak.version"));
    }

    @Test
    void keycloakImportsTheProductionRealmFromTheRepository() {
        List<String> volumes = at(service("keycloak"), "volumes");
        String realm = volumes.get(0).split(":")[0];
        assertThat(realm).endsWith("ctims-realm-production.json");
        assertThat(Files.isRegularFile(COMPOSE_DIR.resolve(realm).normalize())).as(realm).isTrue();
    }

    @Test
    void everyValueTheFileNeedsIsInTheExampleEnvironment() {
        String file = Modules.read(COMPOSE_DIR.resolve("compose.yaml"));
        Set<String> example = new HashSet<>();
        for (String line : Modules.read(COMPOSE_DIR.resolve(".env.example")).lines().toList()) {
            if (line.matches("[A-Z_]+=.*")) {
                example.add(line.substring(0, line.indexOf('=')));
            }
        }
        Matcher placeholders = Pattern.compile("\\$\\{([A-Z_]+)").matcher(file);
        while (placeholders.find()) {
            assertThat(example).as(".env.example has %s", placeholders.group(1)).contains(placeholders.group(1));
        }
    }

    @Test
    void everySecretIsRequiredNotDefaulted() {
        String file = Modules.read(COMPOSE_DIR.resolve("compose.yaml"));
        Matcher secrets = Pattern.compile("\\$\\{([A-Z_]*(PASSWORD|SECRET)[A-Z_]*)([^}]*)}").matcher(file);
        boolean any = false;
        while (secrets.find()) {
            any = true;
            String modifier = secrets.group(3);
            assertThat(modifier.isEmpty() || modifier.startsWith(":?")).as("%s has no default", secrets.group(1))
                    .isTrue();
        }
        assertThat(any).isTrue();
    }
}
