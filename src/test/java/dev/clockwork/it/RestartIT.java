package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tasks and their history live in the database: they survive a server restart, and the task fires again. */
class RestartIT {

    private static final String PASSWORD = "restart-admin-password";

    @Test
    void task_and_history_should_survive_a_restart_and_fire_again() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "restart-data-");
        String name = "restart." + UUID.randomUUID().toString().substring(0, 8);
        long before;
        try (MicroProcess first = MicroProcess.start("restart-1", data, PASSWORD)) {
            Api api = new Api(first.base(), "admin", PASSWORD);
            assertThat(api.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"every 1s\",\"action\":\"noop\"}")
                    .status()).isEqualTo(201);
            before = Poll.until(Duration.ofSeconds(30), () -> executions(api, name).getInt("total"),
                    total -> total >= 2, "two fires before the restart");
            first.stop();
        }

        try (MicroProcess second = MicroProcess.start("restart-2", data, PASSWORD)) {
            Api api = new Api(second.base(), "admin", PASSWORD);
            Instant restartedAt = Instant.now();
            assertThat(api.get("tasks/" + name).json().getString("state")).isEqualTo("ACTIVE");
            JsonObject history = Poll.until(Duration.ofSeconds(30), () -> executions(api, name),
                    page -> Instant.parse(page.getJsonArray("items").getJsonObject(0).getString("fireTime"))
                            .isAfter(restartedAt), "a fire after the restart");
            assertThat(history.getInt("total")).isGreaterThan((int) before);
            second.stop();
        }
    }

    private static JsonObject executions(Api api, String name) {
        return api.get("tasks/" + name + "/executions?limit=1").json();
    }
}
