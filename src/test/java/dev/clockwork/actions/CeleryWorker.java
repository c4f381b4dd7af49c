package dev.clockwork.actions;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.clockwork.it.Poll;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Celery worker from Debian's {@code python3-celery} ({@code /usr/bin/python3 -m celery}) on the machine's
 * RabbitMQ, running {@code src/test/resources/celery/cwtasks.py} on one queue with one prefork child (the solo
 * pool, with acks_late and prefetch 1, takes a new message only every few seconds): {@code add(x, y)}
 * appends each call (task id, args, kwargs) to a file, {@code boom()} raises. Without Celery the calling test is
 * reported skipped, except in CI ({@code CI=true}), where {@code .ci/run} installs it and its absence fails.
 */
public final class CeleryWorker implements AutoCloseable {

    public static final String PYTHON = "/usr/bin/python3";
    private static final Duration READY = Duration.ofSeconds(60);

    private final String queue;
    private final String module;
    private final Path dir;
    private final Path calls;
    private Process process;

    private CeleryWorker(String queue, String module, Path dir) {
        this.queue = queue;
        this.module = module;
        this.dir = dir;
        this.calls = dir.resolve("calls.jsonl");
    }

    /** Skips the calling test when Debian's Celery is not installed, except in CI. */
    public static void assumeCelery() throws IOException, InterruptedException {
        boolean installed = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import celery").start().waitFor() == 0;
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Celery is not installed for " + PYTHON + "; .ci/run installs python3-celery");
        }
        Assumptions.assumeTrue(installed, "Celery is not installed for " + PYTHON
                + "; apt-get install -y python3-celery");
    }

    /** A worker for {@code queue}, not started yet; its files live in a new directory under {@code target/}. */
    public static CeleryWorker forQueue(String queue) throws IOException {
        return forQueue(queue, "cwtasks");
    }

    /**
     * A worker for {@code queue} running the tasks module {@code src/test/resources/celery/<module>.py}, whose tasks
     * append their calls to the file {@code CW_CALLS} names ({@link #calls}).
     */
    public static CeleryWorker forQueue(String queue, String module) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "celery", queue)).toAbsolutePath();
        try (InputStream source = CeleryWorker.class.getResourceAsStream("/celery/" + module + ".py")) {
            Files.copy(source, dir.resolve(module + ".py"), StandardCopyOption.REPLACE_EXISTING);
        }
        return new CeleryWorker(queue, module, dir);
    }

    /** Starts the worker and waits until it consumes its queue. */
    public CeleryWorker start(Connection broker) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(PYTHON, "-m", "celery", "-A", module, "worker", "-Q", queue,
                "--pool=prefork", "--concurrency=1", "-l", "info", "--without-gossip", "--without-mingle",
                "--without-heartbeat", "-n", queue + "@%h")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("worker.log").toFile()));
        builder.environment().put("CW_BROKER", "amqp://guest:guest@127.0.0.1:5672//");
        builder.environment().put("CW_CALLS", calls.toString());
        builder.environment().put("PYTHONPATH", dir.toString());
        builder.environment().put("CW_DEDUPE_PREFIX", queue + ":");
        process = builder.start();
        Poll.until(READY, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("The Celery worker exited before it consumed queue " + queue + "; see "
                        + dir.resolve("worker.log"));
            }
            try {
                return consumers(broker);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, consumers -> consumers > 0, "the Celery worker to consume queue " + queue + " (see "
                + dir.resolve("worker.log") + ")");
        return this;
    }

    /** Stops the worker as an admin would (SIGTERM: a warm shutdown) and waits for it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Consumers of the queue now; 0 when the queue does not exist yet. */
    private long consumers(Connection broker) throws IOException {
        Channel channel = broker.createChannel();
        try {
            AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue);
            return ok.getConsumerCount();
        } catch (IOException e) {
            return 0;
        } finally {
            if (channel.isOpen()) {
                try {
                    channel.close();
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IOException(e);
                }
            }
        }
    }

    /** The calls of {@code add} the worker ran, in order: {@code {"id":..,"args":[x,y],"kwargs":{..}}}. */
    public List<JsonObject> calls() {
        List<JsonObject> found = new ArrayList<>();
        try {
            if (!Files.exists(calls)) {
                return found;
            }
            for (String line : Files.readAllLines(calls, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    try (JsonReader reader = Json.createReader(new StringReader(line))) {
                        found.add(reader.readObject());
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }

    public Path log() {
        return dir.resolve("worker.log");
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
