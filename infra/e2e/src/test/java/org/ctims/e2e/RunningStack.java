package org.ctims.e2e;

import java.nio.file.Path;
import org.ctims.local.LocalStack;
import org.ctims.local.StackConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the real stack once for the whole suite, with the same launcher as {@code infra/local/run}:
 * its own run folder under {@code target/}, its own database {@code ctims_e2e} (recreated), the
 * default ports. Stopped when the suite ends. Test classes get the {@link StackConfig} injected.
 * With {@code -Dctims.e2e.running-stack=true} the tests use a stack that is already running
 * ({@code infra/local/run}) instead: quicker while working on one screen, but its data is not fresh.
 */
final class RunningStack implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        started(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StackConfig.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return started(context).config();
    }

    private static Started started(ExtensionContext context) {
        Started started = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class);
        if (started.failure() != null) {
            // started once per suite: a failed start fails every class with the same clear message
            throw new IllegalStateException("the local stack did not start: " + started.failure().getMessage(),
                    started.failure());
        }
        return started;
    }

    /** The stack, or why it could not start; closed by JUnit when the suite ends. */
    record Started(LocalStack stack, StackConfig config, RuntimeException failure) implements AutoCloseable {

        static Started start() {
            if (Boolean.getBoolean("ctims.e2e.running-stack")) {
                return new Started(null, StackConfig.fromEnvironment(LocalStack.findRepoRoot(), System.getenv()), null);
            }
            StackConfig config = StackConfig.fromEnvironment(LocalStack.findRepoRoot(), System.getenv())
                    .runDir(Path.of("target/run"))
                    .database("ctims_e2e", true);
            LocalStack stack = new LocalStack(config);
            try {
                stack.start();
                if (!stack.gatewayRunning()) {
                    throw new IllegalStateException("the gateway has no runnable jar: build it first");
                }
                return new Started(stack, config, null);
            } catch (RuntimeException e) {
                stack.stop();
                return new Started(stack, config, e);
            }
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.stop();
            }
        }
    }
}
