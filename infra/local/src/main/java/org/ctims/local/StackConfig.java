package org.ctims.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Everything the local stack can be told: ports, folders, database, existing servers to use.
 * Defaults follow the project's contract; {@link #fromEnvironment} reads the same {@code CTIMS_*}
 * variables the services read. Setters return {@code this} so tests can adjust a copy fluently.
 */
public final class StackConfig {

    /** The four services in start order, with their default ports. */
    public static final Map<String, Integer> SERVICES = orderedMap(
            "roster", 8081, "followup", 8082, "certification", 8083, "report", 8084);

    private static final Properties VERSIONS = loadVersions();

    private final Path repoRoot;
    private Path runDir;
    private String host = "127.0.0.1";
    private String dbUrl;
    private String dbUser = "postgres";
    private String dbPassword = "";
    private boolean freshDatabase;
    private int kafkaPort = 9092;
    private int kafkaControllerPort = 9093;
    private String externalKafka;
    private int keycloakPort = 8180;
    private String externalIssuer;
    private String keycloakAdminUser = "admin";
    private String keycloakAdminPassword = "admin";
    private Path realmFile;
    private int gatewayPort = 8080;
    private final Map<String, Integer> servicePorts = new LinkedHashMap<>(SERVICES);
    private String gatewayClientSecret = "gateway-demo-secret";
    private Path javaHome;
    private Duration startTimeout = Duration.ofSeconds(240);
    private java.util.Set<String> modules;
    private boolean demoData = true;
    private List<String> serviceJvmOptions = List.of(
            "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1", "-Xmx384m");

    private StackConfig(Path repoRoot) {
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.runDir = this.repoRoot.resolve("infra/local/.run");
        this.realmFile = this.repoRoot.resolve("infra/keycloak/src/main/resources/keycloak/ctims-realm.json");
        this.dbUrl = "jdbc:postgresql://127.0.0.1:5432/ctims";
        this.javaHome = newestJdk();
    }

    /** The defaults, overridden by {@code CTIMS_*} (and a few {@code KC_*}) environment variables. */
    public static StackConfig fromEnvironment(Path repoRoot, Map<String, String> env) {
        StackConfig c = new StackConfig(repoRoot);
        if (env.containsKey("CTIMS_LOCAL_RUN_DIR")) {
            c.runDir(Path.of(env.get("CTIMS_LOCAL_RUN_DIR")));
        }
        if (env.containsKey("CTIMS_DB_URL")) {
            c.dbUrl = env.get("CTIMS_DB_URL");
        }
        c.dbUser = env.getOrDefault("CTIMS_DB_USER", c.dbUser);
        c.dbPassword = env.getOrDefault("CTIMS_DB_PASSWORD", c.dbPassword);
        c.externalKafka = env.get("CTIMS_KAFKA_BROKERS");
        c.kafkaPort = intOf(env, "CTIMS_LOCAL_KAFKA_PORT", c.kafkaPort);
        c.kafkaControllerPort = intOf(env, "CTIMS_LOCAL_KAFKA_CONTROLLER_PORT", c.kafkaControllerPort);
        c.externalIssuer = env.get("CTIMS_ISSUER_URI");
        c.keycloakPort = intOf(env, "CTIMS_LOCAL_KEYCLOAK_PORT", c.keycloakPort);
        c.keycloakAdminUser = env.getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", c.keycloakAdminUser);
        c.keycloakAdminPassword = env.getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", c.keycloakAdminPassword);
        if (env.containsKey("CTIMS_LOCAL_REALM_FILE")) {
            c.realmFile = Path.of(env.get("CTIMS_LOCAL_REALM_FILE"));
        }
        c.gatewayPort = intOf(env, "CTIMS_GATEWAY_PORT", c.gatewayPort);
        SERVICES.keySet().forEach(s -> c.servicePorts.put(s,
                intOf(env, "CTIMS_" + s.toUpperCase() + "_PORT", c.servicePorts.get(s))));
        c.gatewayClientSecret = env.getOrDefault("CTIMS_GATEWAY_CLIENT_SECRET", c.gatewayClientSecret);
        if (env.containsKey("CTIMS_LOCAL_JAVA_HOME")) {
            c.javaHome = Path.of(env.get("CTIMS_LOCAL_JAVA_HOME"));
        }
        if (env.containsKey("CTIMS_LOCAL_START_TIMEOUT")) {
            c.startTimeout = Duration.ofSeconds(intOf(env, "CTIMS_LOCAL_START_TIMEOUT", 240));
        }
        if (env.containsKey("CTIMS_LOCAL_JVM_OPTS")) {
            c.serviceJvmOptions = List.of(env.get("CTIMS_LOCAL_JVM_OPTS").trim().split("\\s+"));
        }
        return c;
    }

    // ---- adjustments (used by the end-to-end tests) ----

    /** Folder for data and logs of this stack (default {@code infra/local/.run}). */
    public StackConfig runDir(Path dir) {
        this.runDir = dir.toAbsolutePath().normalize();
        return this;
    }

    /** Database name on the local server; {@code fresh} drops and recreates it at start. */
    public StackConfig database(String name, boolean fresh) {
        this.dbUrl = dbUrl.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        this.freshDatabase = fresh;
        return this;
    }

    /**
     * Only these services and/or the gateway (module names, e.g. {@code roster-service}, {@code gateway});
     * PostgreSQL, Kafka and Keycloak (unless external) start as always. Default: every module.
     */
    public StackConfig modules(java.util.Set<String> names) {
        java.util.Set<String> known = new java.util.HashSet<>();
        SERVICES.keySet().forEach(s -> known.add(s + "-service"));
        known.add("gateway");
        names.stream().filter(n -> !known.contains(n)).findFirst().ifPresent(n -> {
            throw new StackException("no module " + n + " to start (known: " + known + ")");
        });
        this.modules = java.util.Set.copyOf(names);
        return this;
    }

    /** Whether the demo data is loaded once the stack is ready (default true). */
    public StackConfig demoData(boolean load) {
        this.demoData = load;
        return this;
    }

    // ---- derived values ----

    /** True when the module (a service or the gateway) is to be started. */
    public boolean starts(String module) {
        return modules == null || modules.contains(module);
    }

    public boolean demoData() { return demoData; }

    public Path repoRoot() { return repoRoot; }
    public Path runDir() { return runDir; }
    public Path logDir() { return runDir.resolve("logs"); }
    public Path pidFile() { return runDir.resolve("ctims-local.pid"); }
    public String host() { return host; }
    public String dbUrl() { return dbUrl; }
    public String dbUser() { return dbUser; }
    public String dbPassword() { return dbPassword; }
    public boolean freshDatabase() { return freshDatabase; }
    public int kafkaPort() { return kafkaPort; }
    public int kafkaControllerPort() { return kafkaControllerPort; }
    public String externalKafka() { return externalKafka; }
    public String kafkaBrokers() { return externalKafka != null ? externalKafka : host + ":" + kafkaPort; }
    public int keycloakPort() { return keycloakPort; }
    public String externalIssuer() { return externalIssuer; }
    public String keycloakUrl() { return "http://" + host + ":" + keycloakPort; }
    public String issuerUri() { return externalIssuer != null ? externalIssuer : keycloakUrl() + "/realms/ctims"; }
    public String keycloakAdminUser() { return keycloakAdminUser; }
    public String keycloakAdminPassword() { return keycloakAdminPassword; }
    public Path realmFile() { return realmFile; }
    public int gatewayPort() { return gatewayPort; }
    public String gatewayUrl() { return "http://localhost:" + gatewayPort; }
    public Map<String, Integer> servicePorts() { return servicePorts; }
    public String gatewayClientSecret() { return gatewayClientSecret; }
    public Path javaHome() { return javaHome; }
    public Path java() { return javaHome.resolve("bin/java"); }
    public List<String> serviceJvmOptions() { return serviceJvmOptions; }
    /** How long Keycloak and each service may take to become ready. */
    public Duration startTimeout() { return startTimeout; }
    public String projectVersion() { return VERSIONS.getProperty("project.version"); }
    public String keycloakVersion() { return VERSIONS.getProperty("keycloak.version"); }
    public Path stackDir() { return repoRoot.resolve("infra/local/target/stack"); }

    /** The executable jar of a module, e.g. {@code roster-service} or {@code gateway}. */
    public Path jarOf(String module) {
        return repoRoot.resolve(module).resolve("target").resolve(module + "-" + projectVersion() + ".jar");
    }

    /** The environment every service and the gateway get: the names of the project's contract. */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CTIMS_DB_URL", dbUrl);
        env.put("CTIMS_DB_USER", dbUser);
        env.put("CTIMS_DB_PASSWORD", dbPassword);
        env.put("CTIMS_KAFKA_BROKERS", kafkaBrokers());
        env.put("CTIMS_ISSUER_URI", issuerUri());
        env.put("CTIMS_GATEWAY_PORT", String.valueOf(gatewayPort));
        env.put("CTIMS_GATEWAY_CLIENT_SECRET", gatewayClientSecret);
        servicePorts.forEach((name, port) -> {
            env.put("CTIMS_" + name.toUpperCase() + "_PORT", String.valueOf(port));
            env.put("CTIMS_" + name.toUpperCase() + "_URL", "http://" + host + ":" + port);
        });
        // the launcher decides readiness by /actuator/health/readiness, which Boot only enables on Kubernetes
        env.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        return env;
    }

    /** The newest JDK under /usr/lib/jvm (services start faster on newer JVMs), else the one running this. */
    static Path newestJdk() {
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                var newest = dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")) && !Files.isSymbolicLink(d))
                        .max(Comparator.comparingInt(StackConfig::featureVersion));
                if (newest.isPresent() && featureVersion(newest.get()) > 0) {
                    return newest.get();
                }
            } catch (IOException e) {
                // fall through to the running JVM
            }
        }
        return Path.of(System.getProperty("java.home"));
    }

    private static int featureVersion(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK we can read
        }
        return 0;
    }

    private static int intOf(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StackException(name + " must be a port number, not '" + value + "'");
        }
    }

    private static Map<String, Integer> orderedMap(Object... kv) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static Properties loadVersions() {
        Properties p = new Properties();
        try (InputStream in = StackConfig.class.getResourceAsStream("versions.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("versions.properties missing from the ctims-local jar", e);
        }
        return p;
    }
}
