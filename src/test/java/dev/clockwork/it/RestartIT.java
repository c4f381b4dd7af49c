package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tasks and their history live in the database: they survive a server restart, and the task fires again. A run still
 * going when the node stops is handed back after the shutdown grace and runs again, as attempt 2, at the next start.
 */
class RestartIT {

    private static final String PASSWORD = "restart-admin-password";
    private static final Duration GRACE = Duration.ofSeconds(2);

    @Test
    void task_and_history_should_survive_a_restart_and_fire_again() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "restart-data-");
        String name = "restart." + UUID.randomUUID().toString().substring(0, 8);
        String drained = "drain." + UUID.randomUUID().toString().substring(0, 8);
        long before;
        try (MicroProcess first = MicroProcess.start(new MicroProcess.Options("restart-1",
                Path.of(System.getProperty("clockwork.war")), PASSWORD, Path.of(System.getProperty("clockwork.postboot")),
                Map.of(), List.of("-Dclockwork.data.dir=" + data.toAbsolutePath(),
                        "-Dclockwork.shutdown-grace=" + GRACE)))) {
            Api api = new Api(first.base(), "admin", PASSWORD);
            assertThat(api.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"every 1s\",\"action\":\"noop\"}")
                    .status()).isEqualTo(201);
            assertThat(api.post("tasks", "{\"name\":\"" + drained + "\",\"trigger\":\"in 1s\",\"action\":\"sleep\","
                    + "\"args\":{\"ms\":5000}}").status()).isEqualTo(201);
            before = Poll.until(Duration.ofSeconds(30), () -> executions(api, name).getInt("total"),
                    total -> total >= 2, "two fires before the restart");
            Poll.until(Duration.ofSeconds(30), () -> executions(api, drained), page -> page.getInt("total") == 1
                    && page.getJsonArray("items").getJsonObject(0).getString("status").equals("RUNNING"),
                    "the long run running before the stop");
            long stopping = System.nanoTime();
            first.stop();
            Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);
            System.out.printf("DRAIN: the node stopped %d ms after SIGTERM with a grace of %s%n",
                    stopTook.toMillis(), GRACE);
            assertThat(stopTook).as("the stop waits the grace, not the whole run").isLessThan(Duration.ofSeconds(20));
        }

        try (MicroProcess second = MicroProcess.start("restart-2", data, PASSWORD)) {
            Api api = new Api(second.base(), "admin", PASSWORD);
            Instant restartedAt = Instant.now();
            assertThat(api.get("tasks/" + name).json().getString("state")).isEqualTo("ACTIVE");
            JsonObject history = Poll.until(Duration.ofSeconds(30), () -> executions(api, name),
                    page -> Instant.parse(page.getJsonArray("items").getJsonObject(0).getString("fireTime"))
                            .isAfter(restartedAt), "a fire after the restart");
            assertThat(history.getInt("total")).isGreaterThan((int) before);

            JsonObject runs = Poll.until(Duration.ofSeconds(30), () -> api.get("tasks/" + drained
                    + "/executions?limit=10").json(), page -> page.getInt("total") == 2 && page.getJsonArray("items")
                    .getJsonObject(0).getString("status").equals("SUCCEEDED"), "the handed-back run done after the restart");
            JsonObject again = runs.getJsonArray("items").getJsonObject(0);
            JsonObject lost = runs.getJsonArray("items").getJsonObject(1);
            assertThat(again.getInt("attempt")).isEqualTo(2);
            assertThat(lost.getInt("attempt")).isEqualTo(1);
            assertThat(lost.getString("status")).isEqualTo("NODE_LOST");
            assertThat(lost.getString("error")).contains("handed back as attempt 2");
            assertThat(again.getString("fireTime")).isEqualTo(lost.getString("fireTime"));
            assertThat(Instant.parse(again.getString("startedAt")))
                    .as("the second attempt starts after the first ended").isAfterOrEqualTo(lost.getString("finishedAt"));
            System.out.printf("DRAIN: attempt 1 %s-%s %s, attempt 2 %s-%s %s%n", lost.getString("startedAt"),
                    lost.getString("finishedAt"), lost.getString("status"), again.getString("startedAt"),
                    again.getString("finishedAt"), again.getString("status"));
            second.stop();
        }
    }

    private static JsonObject executions(Api api, String name) {
        return api.get("tasks/" + name + "/executions?limit=1").json();
    }
}
