package dev.clockwork.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Prometheus ({@code apt-get install prometheus}; {@code .ci/run} installs it) on a free 127.0.0.1 port,
 * scraping one Clockwork every second with a config of its own; its data under {@code target/}. Without the binary
 * the calling test is reported skipped, never passed. {@link #close()} stops it.
 */
final class PrometheusServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts Prometheus scraping {@code target}'s {@code /clockwork/api/metrics} every second, without login. */
    static PrometheusServer scraping(URI clockworkRoot, String name) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "Prometheus is not installed (apt-get install -y"
                + " prometheus); the real scrape was not tried");
        Path dir = Files.createDirectories(Path.of("target", "prometheus-" + name).toAbsolutePath());
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "scrape_configs:",
                "  - job_name: clockwork",
                "    metrics_path: " + clockworkRoot.getPath() + "api/metrics",
                "    static_configs:",
                "      - targets: ['" + clockworkRoot.getAuthority() + "']",
                ""));
        int port = MicroProcess.freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer prometheus = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port + "/"),
                log);
        try {
            Poll.until(STARTUP, prometheus::ready, ready -> ready || !process.isAlive(), "Prometheus to be ready");
            if (!process.isAlive()) {
                throw new AssertionError("Prometheus exited with " + process.exitValue() + "; see " + log);
            }
        } catch (RuntimeException | AssertionError e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    URI base() {
        return base;
    }

    /** The value of an instant query that yields one sample, or empty while it yields none. */
    OptionalDouble value(String promql) {
        List<JsonObject> result = query(promql);
        if (result.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (result.size() > 1) {
            throw new AssertionError(promql + " gave " + result.size() + " series, expected one: " + result);
        }
        return OptionalDouble.of(Double.parseDouble(result.get(0).getJsonArray("value").getString(1)));
    }

    /** The series of an instant query through the HTTP API ({@code /api/v1/query}). */
    List<JsonObject> query(String promql) {
        URI uri = base.resolve("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonObject answer = Json.createReader(new StringReader(get(uri).orElseThrow(() -> new AssertionError(
                "Prometheus did not answer " + uri)))).readObject();
        if (!"success".equals(answer.getString("status"))) {
            throw new AssertionError("Prometheus refused " + promql + ": " + answer);
        }
        JsonArray result = answer.getJsonObject("data").getJsonArray("result");
        return result.getValuesAs(JsonObject.class);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean ready() {
        return process.isAlive() && get(base.resolve("-/ready")).isPresent();
    }

    private Optional<String> get(URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "Prometheus at " + base + " (log " + log + ")";
    }
}
