package org.ctims.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/** A Spring Boot service (or the gateway) run as {@code java -jar}, ready when its readiness probe says UP. */
final class ServicePart extends ChildProcessPart {

    private final StackConfig config;
    private final String module;
    private final String name;
    private final int port;

    ServicePart(StackConfig config, String module, int port) {
        this(config, module, module, port);
    }

    /** An instance of {@code module}'s jar known (and logged) as {@code name}, e.g. a second instance. */
    ServicePart(StackConfig config, String module, String name, int port) {
        this.config = config;
        this.module = module;
        this.name = name;
        this.port = port;
    }

    @Override
    public String name() {
        return name;
    }

    /** False (with the reason logged) when the module has no runnable jar yet: the stack then runs without it. */
    boolean runnable() {
        Path jar = config.jarOf(module);
        if (!Files.isRegularFile(jar)) {
            Log.info(module + ": no jar at " + jar + " yet, skipped");
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() == null || file.getManifest().getMainAttributes().getValue("Main-Class") == null) {
                Log.info(module + ": " + jar.getFileName() + " is not an executable jar yet, skipped");
                return false;
            }
        } catch (IOException e) {
            Log.info(module + ": " + jar + " is unreadable (" + e.getMessage() + "), skipped");
            return false;
        }
        return true;
    }

    @Override
    public List<Integer> portsNeeded() {
        return List.of(port);
    }

    @Override
    public void launch() {
        List<String> command = new ArrayList<>();
        command.add(config.java().toString());
        command.addAll(config.serviceJvmOptions());
        command.addAll(List.of("-jar", privateCopyOfJar().toString()));
        var env = new java.util.HashMap<>(config.serviceEnvironment());
        env.put("SERVER_PORT", String.valueOf(port));
        started(ChildProcess.start(name, command, env, config.runDir(), config.logDir().resolve(name + ".log")));
    }

    /**
     * The jar copied into the run folder: the checkout is shared with builds, and a running JVM whose
     * jar is rebuilt under it fails with NoClassDefFoundError.
     */
    private Path privateCopyOfJar() {
        Path source = config.jarOf(module);
        Path copy = config.runDir().resolve("jars").resolve(source.getFileName());
        try {
            Files.createDirectories(copy.getParent());
            if (!Files.exists(copy) || Files.size(copy) != Files.size(source)
                    || !Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(source))) {
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return copy;
        } catch (IOException e) {
            throw new StackException(module + ": cannot copy " + source + " to " + copy + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void awaitReady() {
        String readiness = "http://" + config.host() + ":" + port + "/actuator/health/readiness";
        awaitReady(config.startTimeout(), () -> Net.answers(readiness, "UP"));
    }
}
