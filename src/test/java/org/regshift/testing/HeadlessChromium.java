package org.regshift.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Opens a page in Debian's headless Chromium, as a person would see it, through the DevTools
 * protocol (the JDK's own WebSocket client): console errors and uncaught exceptions, broken
 * images, the page's width against the window's, and a screenshot. A missing Chromium is
 * installed from Debian when the tests run as root (as containers/build.sh does for podman).
 */
public final class HeadlessChromium {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on ws://[^:]+:(\\d+)/");
    private static final long TIMEOUT_SECONDS = 60;

    /** What the page showed: its scroll width, the window's width, its images that did not load, and every error. */
    public record Rendered(int scrollWidth, int windowWidth, int images, int brokenImages, List<String> errors) {
    }

    private HeadlessChromium() {
    }

    /** Renders {@code page} in a window of the given size and saves a screenshot of that window as PNG. */
    public static Rendered render(Path page, int width, int height, Path screenshot) throws Exception {
        ensureInstalled();
        Path profile = Files.createTempDirectory("regshift-chromium");
        Process chromium = new ProcessBuilder("chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = debuggingPort(chromium);
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            String socket = null;
            for (JsonNode t : targets) {
                if (t.path("type").asText().equals("page")) {
                    socket = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (socket == null) {
                throw new IllegalStateException("Chromium offers no page to drive: " + targets);
            }
            try (Session session = new Session(http, URI.create(socket))) {
                session.call("Runtime.enable", Map.of());
                session.call("Log.enable", Map.of());
                session.call("Page.enable", Map.of());
                session.call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                        "deviceScaleFactor", 1, "mobile", false));
                session.call("Page.navigate", Map.of("url", page.toUri().toString()));
                session.loaded.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                int scroll = session.evaluate("document.documentElement.scrollWidth").asInt();
                int window = session.evaluate("window.innerWidth").asInt();
                int images = session.evaluate("document.images.length").asInt();
                int broken = session.evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
                        + ".length").asInt();
                String png = session.call("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
                Files.write(screenshot, Base64.getDecoder().decode(png));
                return new Rendered(scroll, window, images, broken, List.copyOf(session.errors));
            }
        } finally {
            chromium.destroyForcibly().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static synchronized void ensureInstalled() throws Exception {
        if (new ProcessBuilder("sh", "-c", "command -v chromium").start().waitFor() == 0) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the report tests need Debian's chromium (apt-get install chromium)");
        }
        Process apt = new ProcessBuilder("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y "
                + "-qq chromium").redirectErrorStream(true).start();
        String log = new String(apt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (apt.waitFor() != 0) {
            throw new IllegalStateException("installing chromium failed:\n" + log);
        }
    }

    private static int debuggingPort(Process chromium) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(chromium.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = err.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> err.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
            seen.append(line).append('\n');
        }
        throw new IllegalStateException("Chromium exited before it listened for DevTools:\n" + seen);
    }

    /** One DevTools connection: numbered calls answered by id, events collected as errors. */
    private static final class Session implements WebSocket.Listener, AutoCloseable {
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<Void> loaded = new CompletableFuture<>();
        private final StringBuilder frame = new StringBuilder();
        private final WebSocket socket;

        Session(HttpClient http, URI uri) throws Exception {
            socket = http.newWebSocketBuilder().buildAsync(uri, this).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        JsonNode call(String method, Map<String, Object> params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true);
            JsonNode reply = answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + ": " + reply.get("error"));
            }
            return reply.path("result");
        }

        JsonNode evaluate(String expression) throws Exception {
            return call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true)).path("result").path("value");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                try {
                    message(JSON.readTree(frame.toString()));
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
                frame.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void message(JsonNode m) {
            if (m.has("id")) {
                CompletableFuture<JsonNode> answer = pending.remove(m.get("id").asInt());
                if (answer != null) {
                    answer.complete(m);
                }
                return;
            }
            JsonNode p = m.path("params");
            switch (m.path("method").asText()) {
                case "Page.loadEventFired" -> loaded.complete(null);
                case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails").path("text").asText()
                        + " " + p.path("exceptionDetails").path("exception").path("description").asText());
                case "Runtime.consoleAPICalled" -> {
                    if (List.of("error", "assert").contains(p.path("type").asText())) {
                        errors.add("console." + p.path("type").asText() + ": " + p.path("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    if (p.path("entry").path("level").asText().equals("error")) {
                        errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
                    }
                }
                default -> { }
            }
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
