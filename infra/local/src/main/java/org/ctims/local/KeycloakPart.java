package org.ctims.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak from its server distribution (Maven artifact {@code org.keycloak:keycloak-quarkus-dist}),
 * unpacked once into the run folder, started in dev mode with the project's realm imported.
 * Its H2 data stays between runs; when the realm file changes, the data is dropped so the new
 * realm is imported (Keycloak never re-imports a realm that exists).
 */
final class KeycloakPart extends ChildProcessPart {

    private final StackConfig config;
    private final Path home;

    KeycloakPart(StackConfig config) {
        this.config = config;
        this.home = config.runDir().resolve("keycloak");
    }

    @Override
    public String name() {
        return "keycloak";
    }

    @Override
    public List<Integer> portsNeeded() {
        return List.of(config.keycloakPort());
    }

    @Override
    public void launch() {
        if (!Files.isRegularFile(config.realmFile())) {
            throw new StackException("Keycloak: realm file not found: " + config.realmFile());
        }
        try {
            unpackOnce();
            importRealm();
        } catch (IOException e) {
            throw new StackException("Keycloak: preparing " + home + " failed: " + e.getMessage(), e);
        }
        List<String> command = List.of("/bin/bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=" + config.host(),
                "--http-port=" + config.keycloakPort(),
                "--hostname=" + config.keycloakUrl(),
                "--import-realm");
        Map<String, String> env = Map.of(
                "JAVA_HOME", config.javaHome().toString(),
                "KC_BOOTSTRAP_ADMIN_USERNAME", config.keycloakAdminUser(),
                "KC_BOOTSTRAP_ADMIN_PASSWORD", config.keycloakAdminPassword());
        started(ChildProcess.start("keycloak", command, env, home, config.logDir().resolve("keycloak.log")));
    }

    @Override
    public void awaitReady() {
        String wellKnown = config.issuerUri() + "/.well-known/openid-configuration";
        awaitReady(config.startTimeout(), () -> Net.answers(wellKnown, "\"issuer\""));
    }

    private void unpackOnce() throws IOException {
        Path marker = home.resolve(".unpacked-" + config.keycloakVersion());
        if (Files.exists(marker)) {
            return;
        }
        Path zip = config.stackDir().resolve("keycloak-quarkus-dist.zip");
        if (!Files.isRegularFile(zip)) {
            throw new StackException("Keycloak distribution not found at " + zip + ": build first (./mvnw -B -DskipTests install)");
        }
        Log.info("Keycloak: unpacking " + zip.getFileName() + " into " + home + " (once)");
        deleteTree(home);
        Files.createDirectories(home);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                // entries start with keycloak-<version>/ : drop that first folder
                String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
                Path target = home.resolve(name).normalize();
                if (name.isEmpty() || !target.startsWith(home)) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.createFile(marker);
    }

    private void importRealm() throws IOException {
        Path importDir = home.resolve("data/import");
        Files.createDirectories(importDir);
        Files.copy(config.realmFile(), importDir.resolve("ctims-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        Path hashFile = home.resolve("data/.realm-sha256");
        String hash = sha256(config.realmFile());
        String previous = Files.exists(hashFile) ? Files.readString(hashFile).trim() : "";
        if (!hash.equals(previous)) {
            if (Files.exists(home.resolve("data/h2"))) {
                Log.info("Keycloak: the realm file changed since the last import: dropping Keycloak's data so it is imported again");
            }
            deleteTree(home.resolve("data/h2"));
            Files.writeString(hashFile, hash);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
