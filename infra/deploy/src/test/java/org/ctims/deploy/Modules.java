package org.ctims.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the deployment files must agree with: the deployable modules and the configuration they read. */
final class Modules {

    static final List<String> SERVICES = List.of("roster-service", "followup-service", "certification-service",
            "report-service");
    static final List<String> DEPLOYABLE = List.of("roster-service", "followup-service", "certification-service",
            "report-service", "gateway");

    /** Read by the JVM or by Spring Boot itself, not by a module's configuration file. */
    private static final Set<String> STANDARD_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "SPRING_PROFILES_ACTIVE");

    private static final Pattern PORT = Pattern.compile("port: \\$\\{(CTIMS_[A-Z]+_PORT):(\\d+)}");

    private Modules() {
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("infra/deploy"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run the tests from inside the CTIMS checkout");
        }
        return dir;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module's own configuration plus, for services, the platform defaults every service reads. */
    static String configurationOf(String module) {
        Path root = repoRoot();
        String own = read(root.resolve(module).resolve("src/main/resources/application.yml"));
        if (!SERVICES.contains(module)) {
            return own;
        }
        return own + read(root.resolve("infra/platform/src/main/resources/ctims-platform-defaults.properties"));
    }

    /** The HTTP port the module listens on by default, from its {@code server.port} placeholder. */
    static int defaultPort(String module) {
        Matcher matcher = PORT.matcher(configurationOf(module));
        if (!matcher.find()) {
            throw new IllegalStateException(module + " has no server.port: ${CTIMS_<NAME>_PORT:<port>}");
        }
        return Integer.parseInt(matcher.group(2));
    }

    static String portVariable(String module) {
        Matcher matcher = PORT.matcher(configurationOf(module));
        if (!matcher.find()) {
            throw new IllegalStateException(module + " has no server.port: ${CTIMS_<NAME>_PORT:<port>}");
        }
        return matcher.group(1);
    }

    /** Whether setting this environment variable changes anything for the module. */
    static boolean reads(String module, String variable) {
        return STANDARD_VARIABLES.contains(variable) || configurationOf(module).contains("${" + variable + ":")
                || configurationOf(module).contains("${" + variable + "}");
    }

    /**
     * Whether the module reads the variable, or gets it only because every module shares one block
     * of values: the gateway has no database and no Kafka and ignores theirs.
     */
    static boolean readsOrShares(String module, String variable) {
        boolean sharedServerAddress = variable.startsWith("CTIMS_DB_") || variable.equals("CTIMS_KAFKA_BROKERS");
        return reads(module, variable) || (module.equals("gateway") && sharedServerAddress);
    }

    static String pomProperty(String name) {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(
                read(repoRoot().resolve("pom.xml")));
        if (!matcher.find()) {
            throw new IllegalStateException("the root pom has no property " + name);
        }
        return matcher.group(1);
    }
}
