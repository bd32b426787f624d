package org.ctims.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import net.minidev.json.JSONValue;

/**
 * Headless Firefox driven over WebDriver BiDi, the W3C protocol Firefox speaks itself (no
 * geckodriver, which Debian does not package): started with a fresh profile and
 * {@code --remote-debugging-port}, one top-level browsing context, commands as JSON over a
 * WebSocket. Enough for a user's path through the web client: open an address, run a script in
 * the page (to read it, or to fill in and click as a user would), take a screenshot, and keep what
 * the page logged as errors.
 */
final class Firefox implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/bin/firefox-esr");
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Listener listener;
    private final String context;

    private Firefox(Process process, WebSocket socket, Listener listener) {
        this.process = process;
        this.socket = socket;
        this.listener = listener;
        command("session.new", Map.of("capabilities", Map.of()));
        command("session.subscribe", Map.of("events", List.of("log.entryAdded")));
        this.context = JsonPath.read(command("browsingContext.getTree", Map.of()), "$.result.contexts[0].context");
        command("browsingContext.setViewport", Map.of("context", context,
                "viewport", Map.of("width", 1280, "height", 900)));
    }

    static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    static Firefox start() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target/browser")), "firefox-");
        // the preferences keep a headless run on this closed machine from calling home
        Files.writeString(profile.resolve("user.js"), """
                user_pref("app.update.enabled", false);
                user_pref("browser.shell.checkDefaultBrowser", false);
                user_pref("datareporting.policy.dataSubmissionEnabled", false);
                user_pref("toolkit.telemetry.enabled", false);
                user_pref("network.captive-portal-service.enabled", false);
                user_pref("browser.safebrowsing.update.enabled", false);
                user_pref("extensions.update.enabled", false);
                """);
        int port = freePort();
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-remote",
                "--profile", profile.toAbsolutePath().toString(), "--remote-debugging-port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(profile.resolve("firefox.log").toFile()).start();
        Listener listener = new Listener();
        return new Firefox(process, connect(port, process, listener), listener);
    }

    /** Errors the page logged (console.error, uncaught exceptions), as "type: text". */
    List<String> pageErrors() {
        return List.copyOf(listener.pageErrors);
    }

    private static WebSocket connect(int port, Process process, Listener listener) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/session"), listener).join();
            } catch (RuntimeException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Firefox did not open its WebDriver BiDi port " + port, notYet);
                }
                Thread.sleep(250);
            }
        }
    }

    /** Opens an address and waits until the page has loaded. */
    void open(String url) {
        command("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
    }

    /**
     * Runs a function body in the page ({@code return ...}, may be async) and answers its result as
     * JSON text (a string result is its text). A thrown error fails the command.
     */
    String script(String body) {
        String answer = command("script.callFunction", Map.of(
                "functionDeclaration", "async () => {" + body + "}",
                "target", Map.of("context", context), "awaitPromise", true,
                "serializationOptions", Map.of("maxObjectDepth", 4)));
        if (!"success".equals(JsonPath.read(answer, "$.result.type"))) {
            throw new IllegalStateException("script failed in the page: " + JsonPath.read(answer, "$.result.exceptionDetails.text"));
        }
        Object value = JsonPath.read(answer, "$.result.result.value");
        return value == null ? "" : value.toString();
    }

    /** A click in the middle of the element, with the mouse, as a user makes it. */
    void click(String css) {
        Map<String, Object> element = Map.of("sharedId", element(css));
        command("input.performActions", Map.of("context", context, "actions", List.of(Map.of(
                "type", "pointer", "id", "mouse", "parameters", Map.of("pointerType", "mouse"),
                "actions", List.of(
                        Map.of("type", "pointerMove", "x", 0, "y", 0, "origin", Map.of("type", "element", "element", element)),
                        Map.of("type", "pointerDown", "button", 0),
                        Map.of("type", "pointerUp", "button", 0))))));
    }

    /** Clicks into a field, selects what it holds and types the text over it, key by key. */
    void type(String css, String text) {
        click(css);
        script("document.querySelector(" + JSONValue.toJSONString(css) + ").select(); return ''");
        List<Map<String, Object>> keys = new java.util.ArrayList<>();
        text.codePoints().mapToObj(Character::toString).forEach(key -> {
            keys.add(Map.of("type", "keyDown", "value", key));
            keys.add(Map.of("type", "keyUp", "value", key));
        });
        command("input.performActions", Map.of("context", context, "actions", List.of(Map.of(
                "type", "key", "id", "keyboard", "actions", keys))));
    }

    /** The page's element for a CSS selector, as BiDi names it; fails when there is none. */
    private String element(String css) {
        String answer = command("script.callFunction", Map.of(
                "functionDeclaration", "(css) => document.querySelector(css)",
                "arguments", List.of(Map.of("type", "string", "value", css)),
                "target", Map.of("context", context), "awaitPromise", false));
        if (!"node".equals(JsonPath.read(answer, "$.result.result.type"))) {
            throw new IllegalStateException("no element " + css + " on " + url());
        }
        return JsonPath.read(answer, "$.result.result.sharedId");
    }

    String url() {
        return JsonPath.read(command("browsingContext.getTree", Map.of()), "$.result.contexts[0].url");
    }

    void screenshot(String name) throws IOException {
        String png = JsonPath.read(command("browsingContext.captureScreenshot", Map.of("context", context)), "$.result.data");
        Files.createDirectories(Ui.SCREENSHOTS);
        Files.write(Ui.SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode(png));
    }

    private String command(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        listener.answers.put(id, answer);
        socket.sendText(JSONValue.toJSONString(Map.of("id", id, "method", method, "params", params)), true).join();
        try {
            String text = answer.get(COMMAND_WAIT.toSeconds(), TimeUnit.SECONDS);
            if ("error".equals(JsonPath.read(text, "$.type"))) {
                throw new IllegalStateException(method + " failed: " + JsonPath.read(text, "$.error") + " "
                        + JsonPath.read(text, "$.message"));
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(method + " got no answer within " + COMMAND_WAIT.toSeconds() + " s", e);
        } finally {
            listener.answers.remove(id);
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException ignored) {
            // the browser is stopped below either way
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Hands every answer to its command and keeps every error the page logged; a message may come in parts. */
    private static final class Listener implements WebSocket.Listener {

        final Map<Integer, CompletableFuture<String>> answers = new ConcurrentHashMap<>();
        final List<String> pageErrors = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                deliver(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void deliver(String message) {
            Map<?, ?> fields = (Map<?, ?>) JSONValue.parse(message);
            if (fields.get("id") instanceof Number id) {
                CompletableFuture<String> answer = answers.get(id.intValue());
                if (answer != null) {
                    answer.complete(message);
                }
            } else if ("log.entryAdded".equals(fields.get("method"))
                    && fields.get("params") instanceof Map<?, ?> entry && "error".equals(entry.get("level"))) {
                pageErrors.add(entry.get("type") + ": " + entry.get("text"));
            }
        }
    }
}
