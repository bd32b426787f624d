package org.ctims.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctims.deploy.Nodes.at;
import static org.ctims.deploy.Nodes.list;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay renders, uses current APIs, and agrees with the services: ports, probe paths, the
 * environment variables they read, the secrets and config keys they reference.
 */
class KubernetesManifestsTests {

    private static final Set<String> CURRENT_APIS = Set.of("v1", "apps/v1", "autoscaling/v2", "policy/v1",
            "networking.k8s.io/v1");

    static Stream<String> overlays() {
        return Stream.of("demo", "production");
    }

    private static List<Map<String, Object>> rendered(String overlay) {
        return Kustomize.render(Modules.repoRoot().resolve("infra/deploy/kubernetes/overlays").resolve(overlay));
    }

    private static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(at(o, "metadata", "name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Map<String, Object> container(List<Map<String, Object>> objects, String module) {
        return at(find(objects, "Deployment", module), "spec", "template", "spec", "containers", "0");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectUsesACurrentApi(String overlay) {
        for (Map<String, Object> object : rendered(overlay)) {
            assertThat(CURRENT_APIS).as("%s %s", object.get("kind"), at(object, "metadata", "name"))
                    .contains((String) object.get("apiVersion"));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyModuleHasADeploymentServiceAutoscalerAndDisruptionBudget(String overlay) {
        List<Map<String, Object>> objects = rendered(overlay);
        for (String module : Modules.DEPLOYABLE) {
            Map<String, Object> deployment = find(objects, "Deployment", module);
            Map<String, String> podLabels = at(deployment, "spec", "template", "metadata", "labels");

            Map<String, Object> service = find(objects, "Service", module);
            assertThat(podLabels).as("%s Service selector", module)
                    .containsAllEntriesOf(at(service, "spec", "selector"));
            assertThat((Object) at(service, "spec", "ports", "0", "targetPort")).isEqualTo("http");

            Map<String, Object> autoscaler = find(objects, "HorizontalPodAutoscaler", module);
            assertThat((Object) at(autoscaler, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
            assertThat((Object) at(autoscaler, "spec", "scaleTargetRef", "name")).isEqualTo(module);
            int min = at(autoscaler, "spec", "minReplicas");
            int max = at(autoscaler, "spec", "maxReplicas");
            assertThat(min).isPositive().isLessThanOrEqualTo(max);

            Map<String, Object> budget = find(objects, "PodDisruptionBudget", module);
            assertThat(podLabels).as("%s PodDisruptionBudget selector", module)
                    .containsAllEntriesOf(at(budget, "spec", "selector", "matchLabels"));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void containersListenWhereTheModulesDoAndAreProbedAtTheirHealthGroups(String overlay) {
        List<Map<String, Object>> objects = rendered(overlay);
        for (String module : Modules.DEPLOYABLE) {
            Map<String, Object> container = container(objects, module);
            int port = at(container, "ports", "0", "containerPort");
            assertThat((Object) at(container, "ports", "0", "name")).isEqualTo("http");
            assertThat(port).as("%s container port", module).isEqualTo(Modules.defaultPort(module));
            assertThat(env(container)).as("%s port variable", module)
                    .containsEntry(Modules.portVariable(module), String.valueOf(port));

            assertThat(probe(container, "livenessProbe")).isEqualTo("http /actuator/health/liveness");
            assertThat(probe(container, "startupProbe")).isEqualTo("http /actuator/health/liveness");
            assertThat(probe(container, "readinessProbe")).isEqualTo("http /actuator/health/readiness");

            assertThat((Object) at(container, "resources", "requests", "cpu")).isNotNull();
            assertThat((Object) at(container, "resources", "requests", "memory")).isNotNull();
            assertThat((Object) at(container, "resources", "limits", "memory")).isNotNull();
            assertThat((Object) at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
            assertThat((Object) at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyVariableGivenToAModuleIsOneItReads(String overlay) {
        List<Map<String, Object>> objects = rendered(overlay);
        for (String module : Modules.DEPLOYABLE) {
            Map<String, Object> container = container(objects, module);
            Set<String> variables = new HashSet<>(env(container).keySet());
            for (Map<String, Object> source : list(container, "envFrom")) {
                String configMap = at(source, "configMapRef", "name");
                Map<String, String> data = at(find(objects, "ConfigMap", configMap), "data");
                variables.addAll(data.keySet());
            }
            for (String variable : variables) {
                assertThat(Modules.readsOrShares(module, variable)).as("%s reads %s", module, variable).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySecretReferenceIsGeneratedOrListedForTheOperator(String overlay) {
        List<Map<String, Object>> objects = rendered(overlay);
        Set<String> documented = secretsDocumentedForOperators();
        for (String module : Modules.DEPLOYABLE) {
            Map<String, Object> container = container(objects, module);
            for (Map<String, Object> variable : list(container, "env")) {
                Map<String, Object> ref = at(variable, "valueFrom", "secretKeyRef");
                if (ref == null) {
                    continue;
                }
                String name = (String) ref.get("name");
                String key = (String) ref.get("key");
                boolean generated = objects.stream().anyMatch(o -> "Secret".equals(o.get("kind"))
                        && name.equals(at(o, "metadata", "name")) && ((Map<?, ?>) o.get("data")).containsKey(key));
                if (overlay.equals("production")) {
                    assertThat(generated).as("production never generates secret %s", name).isFalse();
                    assertThat(documented).as("infra/deploy/README.md lists secret %s key %s", name, key)
                            .contains(name + "/" + key);
                } else {
                    assertThat(generated).as("%s generates secret %s with key %s", overlay, name, key).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theGatewayReachesEveryServiceByItsKubernetesName(String overlay) {
        List<Map<String, Object>> objects = rendered(overlay);
        Map<String, String> env = env(container(objects, "gateway"));
        for (String service : Modules.SERVICES) {
            String variable = "CTIMS_" + service.replace("-service", "").toUpperCase() + "_URL";
            assertThat(env).as("gateway %s", variable)
                    .containsEntry(variable, "http://" + service + ":" + Modules.defaultPort(service));
            assertThat(Modules.reads("gateway", variable)).isTrue();
        }
    }

    /** {@code name/key} of every secret in the README's table "Secrets the operator creates". */
    private static Set<String> secretsDocumentedForOperators() {
        String readme = Modules.read(Modules.repoRoot().resolve("infra/deploy/README.md"));
        Matcher rows = Pattern.compile("^\\| `([a-z0-9-]+)` \\| `([a-z-]+)` \\|", Pattern.MULTILINE).matcher(readme);
        Set<String> secrets = new HashSet<>();
        while (rows.find()) {
            secrets.add(rows.group(1) + "/" + rows.group(2));
        }
        return secrets;
    }

    private static String probe(Map<String, Object> container, String probe) {
        return at(container, probe, "httpGet", "port") + " " + at(container, probe, "httpGet", "path");
    }

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> values = new HashMap<>();
        for (Map<String, Object> variable : list(container, "env")) {
            values.put((String) variable.get("name"), (String) variable.get("value"));
        }
        return values;
    }
}
