package io.scv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver protocol (HTTP and JSON, no Selenium): open a
 * page, run JavaScript in it, read the browser log, take a screenshot. Debian's {@code chromium} and
 * {@code chromium-driver} packages; a machine without them fails the test that asks, saying what to install.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration START = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String session;

    /** Starts chromedriver and a headless browser with a new, empty profile in {@code profile}. */
    public HeadlessChromium(Path profile) throws IOException, InterruptedException {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                fail(p + " is missing: install the Debian packages chromium and chromium-driver "
                        + "(apt-get install -y chromium chromium-driver; .ci/run does this)");
            }
        }
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitReady();
            session = newSession(profile);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            driver.destroyForcibly();
            throw e;
        }
    }

    public void open(Path file) throws IOException, InterruptedException {
        command("POST", "/url", JSON.createObjectNode().put("url", file.toUri().toString()));
    }

    /** Runs a script's body in the page ({@code return ...} gives its result) and returns the result. */
    public JsonNode execute(String script) throws IOException, InterruptedException {
        var body = JSON.createObjectNode().put("script", script);
        body.putArray("args");
        return command("POST", "/execute/sync", body);
    }

    public void resize(int width, int height) throws IOException, InterruptedException {
        command("POST", "/window/rect", JSON.createObjectNode().put("width", width).put("height", height));
    }

    /** The browser's console log since the last call: entries with {@code level} and {@code message}. */
    public JsonNode browserLog() throws IOException, InterruptedException {
        return command("POST", "/se/log", JSON.createObjectNode().put("type", "browser"));
    }

    /** A PNG of the window as it is. */
    public byte[] screenshot() throws IOException, InterruptedException {
        return Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
    }

    @Override
    public void close() {
        try {
            send("DELETE", base + "/session/" + session, null);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the browser goes with its driver below
        } finally {
            driver.destroy();
        }
    }

    private String newSession(Path profile) throws IOException, InterruptedException {
        // without the background-networking switches Chromium keeps trying to reach out, which a closed network stalls
        var args = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath());
        ObjectNode caps = JSON.createObjectNode();
        var always = caps.putObject("capabilities").putObject("alwaysMatch");
        always.put("browserName", "chrome");
        var options = always.putObject("goog:chromeOptions").put("binary", CHROMIUM.toString());
        args.forEach(options.putArray("args")::add);
        always.putObject("goog:loggingPrefs").put("browser", "ALL");
        return send("POST", base + "/session", caps).path("sessionId").asText();
    }

    private JsonNode command(String method, String path, JsonNode body) throws IOException, InterruptedException {
        return send(method, base + "/session/" + session + path, body);
    }

    private JsonNode send(String method, String url, JsonNode body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode value = JSON.readTree(response.body()).path("value");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("chromedriver " + method + " " + url + " answered "
                    + response.statusCode() + ": " + value.path("error").asText() + ": "
                    + value.path("message").asText());
        }
        return value;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                fail("chromedriver exited at start with code " + driver.exitValue());
            }
            try {
                if (send("GET", base + "/status", null).path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("chromedriver was not ready within " + START.toSeconds() + " s");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
