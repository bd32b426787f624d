package org.ctims.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.ctims.local.LocalStack;
import org.ctims.local.StackConfig;
import org.ctims.testing.security.TestTokens;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the processes the fault tests kill, once for the whole suite, with {@code infra/local}'s
 * launcher: an embedded PostgreSQL of its own (port {@value #POSTGRES_PORT}, database
 * {@code ctims_faults}, data in {@code target/run}), the standalone Kafka broker (29092/29093), the
 * roster, follow-up and report service jars (10081, 10082, 10084). Tokens come from
 * {@link TestTokens}' issuer in this JVM. Everything in the run folder is new at every start.
 * Test classes get the {@link Faults} injected.
 */
final class FaultStack implements BeforeAllCallback, ParameterResolver {

    static final int POSTGRES_PORT = 10432;
    static final Set<String> MODULES = Set.of("roster-service", "followup-service", "report-service");

    @Override
    public void beforeAll(ExtensionContext context) {
        started(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Faults.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return started(context).faults();
    }

    private static Started started(ExtensionContext context) {
        Started started = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class);
        if (started.failure() != null) {
            throw new IllegalStateException("the fault stack did not start: " + started.failure().getMessage(),
                    started.failure());
        }
        return started;
    }

    static Map<String, String> environment(Path runDir, String issuer) {
        Map<String, String> env = new HashMap<>();
        // only the machine-specific settings are taken from outside: the ports and servers are ours
        for (String name : List.of("CTIMS_LOCAL_JAVA_HOME", "CTIMS_LOCAL_JVM_OPTS", "CTIMS_LOCAL_START_TIMEOUT")) {
            if (System.getenv(name) != null) {
                env.put(name, System.getenv(name));
            }
        }
        env.putIfAbsent("CTIMS_LOCAL_START_TIMEOUT", "420");
        env.put("CTIMS_LOCAL_RUN_DIR", runDir.toString());
        env.put("CTIMS_DB_URL", "jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/ctims_faults");
        env.put("CTIMS_DB_USER", "postgres");
        env.put("CTIMS_LOCAL_KAFKA_PORT", "29092");
        env.put("CTIMS_LOCAL_KAFKA_CONTROLLER_PORT", "29093");
        env.put("CTIMS_ISSUER_URI", issuer);
        env.put("CTIMS_GATEWAY_PORT", "10080");
        env.put("CTIMS_ROSTER_PORT", "10081");
        env.put("CTIMS_FOLLOWUP_PORT", "10082");
        env.put("CTIMS_CERTIFICATION_PORT", "10083");
        env.put("CTIMS_REPORT_PORT", "10084");
        return env;
    }

    /** The stack, or why it could not start; closed by JUnit when the suite ends. */
    record Started(LocalStack stack, TestTokens tokens, Faults faults, RuntimeException failure) implements AutoCloseable {

        static Started start() {
            Path repo = LocalStack.findRepoRoot();
            Path runDir = repo.resolve("infra/faults/target/run");
            deleteRecursively(runDir);
            TestTokens tokens = TestTokens.start();
            StackConfig config = StackConfig.fromEnvironment(repo, environment(runDir, tokens.issuer()))
                    .database("ctims_faults", true).modules(MODULES).demoData(false);
            LocalStack stack = new LocalStack(config);
            try {
                stack.start();
                return new Started(stack, tokens, new Faults(stack, config, tokens), null);
            } catch (RuntimeException e) {
                stack.stop();
                return new Started(stack, tokens, null, e);
            }
        }

        @Override
        public void close() {
            stack.stop();
            tokens.close();
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
