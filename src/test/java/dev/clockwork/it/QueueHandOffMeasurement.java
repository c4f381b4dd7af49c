package dev.clockwork.it;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import dev.clockwork.actions.QueueActionsForTests;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Measures the amqp action on one Payara Micro node with its embedded H2 and 16 workers, against the machine's
 * RabbitMQ (docs/benchmarks.md, "Handing fires to RabbitMQ"): the hand-off rate, with more fires due than the node can
 * publish (3,000 tasks every second), from {@code clockwork_executions_total} over 20 s; then the fire lateness at
 * 1,000 fires/s (1,000 tasks every second) over 20 s, exactly from the executions of 100 of the tasks and as the
 * lateness histogram's bucket. A consumer drains the queue meanwhile. Not part of the suite (no {@code IT} suffix):
 * {@code mvn verify -Dit.test=QueueHandOffMeasurement -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.wildfly.skip=true}; it prints its numbers.
 */
class QueueHandOffMeasurement {

    private static final String PASSWORD = "queue-measure-admin-password";
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration WINDOW = Duration.ofSeconds(20);

    @Test
    void hand_off_rate_and_lateness_at_1000_fires_per_second() throws Exception {
        QueueActionsForTests.assumeRabbitMq();
        String queue = "cw-measure-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicLong received = new AtomicLong();
        try (Connection test = QueueActionsForTests.connect()) {
            Channel channel = test.createChannel();
            channel.queueDeclare(queue, false, false, true, null);
            DeliverCallback count = (tag, message) -> received.incrementAndGet();
            channel.basicConsume(queue, true, count, tag -> { });
            Path data = Files.createDirectories(Path.of("target", "it-data", "queue-measure-" + queue));
            try (MicroProcess micro = MicroProcess.start(new MicroProcess.Options("queue-measure",
                    Path.of(System.getProperty("clockwork.war")), PASSWORD,
                    Path.of(System.getProperty("clockwork.postboot")),
                    Map.of("CLOCKWORK_AMQP_URI", QueueActionsForTests.URI, "CLOCKWORK_AMQP_ALLOW", queue),
                    List.of("-Dclockwork.data.dir=" + data.toAbsolutePath())))) {
                Api admin = new Api(micro.base(), "admin", PASSWORD);
                String args = "{\"routingKey\": \"" + queue + "\", \"body\": {\"n\": 1}}";

                create(admin, "flood", 3000, "every 1s times 60", args);
                Poll.pause(WARM_UP);
                double before = succeeded(admin);
                long receivedBefore = received.get();
                Poll.pause(WINDOW);
                double after = succeeded(admin);
                long receivedAfter = received.get();
                System.out.printf("HANDOFF 3000 tasks every 1s, one node: %.0f runs SUCCEEDED in %d s = %.0f/s;"
                        + " the consumer received %.0f/s%n", after - before, WINDOW.toSeconds(),
                        (after - before) / WINDOW.toSeconds(),
                        (receivedAfter - receivedBefore) / (double) WINDOW.toSeconds());
                Poll.until(Duration.ofMinutes(3), () -> admin.get("tasks?prefix=flood.&state=ACTIVE&limit=1").json()
                        .getInt("total"), active -> active == 0, "the flood tasks to be done");

                Instant from = Instant.now();
                create(admin, "steady", 1000, "every 1s times 60", args);
                Poll.pause(WARM_UP);
                Map<String, Double> bucketsBefore = latenessBuckets(admin);
                Instant windowStart = Instant.now();
                double steadyBefore = succeeded(admin);
                Poll.pause(WINDOW);
                double steadyAfter = succeeded(admin);
                Instant windowEnd = Instant.now();
                Map<String, Double> bucketsAfter = latenessBuckets(admin);
                List<Long> lateness = new ArrayList<>();
                for (int task = 0; task < 1000; task += 10) {
                    for (JsonObject run : admin.get("tasks/steady." + task + "/executions?limit=100").json()
                            .getJsonArray("items").getValuesAs(JsonObject.class)) {
                        Instant fire = Instant.parse(run.getString("fireTime"));
                        if (run.containsKey("startedAt") && fire.isAfter(windowStart) && fire.isBefore(windowEnd)) {
                            lateness.add(Duration.between(fire, Instant.parse(run.getString("startedAt"))).toMillis());
                        }
                    }
                }
                lateness.sort(null);
                System.out.printf("LATENESS 1000 tasks every 1s (created from %s): %.0f runs/s SUCCEEDED; of %d"
                        + " sampled fires p50 %d ms, p99 %d ms, max %d ms; histogram p99 bucket %s%n", from,
                        (steadyAfter - steadyBefore) / WINDOW.toSeconds(), lateness.size(),
                        lateness.get(lateness.size() / 2), lateness.get((int) (lateness.size() * 0.99)),
                        lateness.get(lateness.size() - 1), p99Bucket(bucketsBefore, bucketsAfter));
            }
        }
    }

    private static void create(Api admin, String prefix, int count, String trigger, String args) throws Exception {
        ExecutorService posting = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int task = 0; task < count; task++) {
                String name = prefix + "." + task;
                done.add(posting.submit(() -> admin.createTask(name, trigger, "amqp", args)));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            posting.shutdown();
        }
    }

    private static double succeeded(Api admin) {
        return Exposition.parse(admin.get("metrics").body()).samples().entrySet().stream()
                .filter(sample -> sample.getKey().startsWith("clockwork_executions_total{")
                        && sample.getKey().contains("action=\"amqp\"")
                        && sample.getKey().contains("status=\"SUCCEEDED\""))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static Map<String, Double> latenessBuckets(Api admin) {
        Map<String, Double> buckets = new java.util.TreeMap<>();
        Exposition.parse(admin.get("metrics").body()).samples().forEach((series, value) -> {
            if (series.startsWith("clockwork_fire_lateness_seconds_bucket")) {
                buckets.put(series.replaceAll(".*le=\"([^\"]+)\".*", "$1"), value);
            }
        });
        return buckets;
    }

    /** The smallest bucket bound under which 99 % of the window's fires started. */
    private static String p99Bucket(Map<String, Double> before, Map<String, Double> after) {
        double total = after.getOrDefault("+Inf", 0.0) - before.getOrDefault("+Inf", 0.0);
        return after.keySet().stream().filter(le -> !le.equals("+Inf"))
                .sorted(java.util.Comparator.comparingDouble(Double::parseDouble))
                .filter(le -> after.get(le) - before.getOrDefault(le, 0.0) >= 0.99 * total).findFirst()
                .map(le -> "<= " + le + " s").orElse("> the largest bucket");
    }
}
