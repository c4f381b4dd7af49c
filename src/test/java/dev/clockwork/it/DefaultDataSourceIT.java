package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The WAR deployed to a server that defines no {@code jdbc/clockwork}, as an admin trying it out would: it runs on
 * the server's default data source (embedded H2), says so in the log, and fires tasks.
 */
class DefaultDataSourceIT {

    private static final String PASSWORD = "default-ds-admin-password";

    @Test
    void a_server_without_jdbc_clockwork_should_run_on_its_default_data_source() throws Exception {
        MicroProcess.Options options = new MicroProcess.Options("default-ds",
                Path.of(System.getProperty("clockwork.war")), PASSWORD, null, Map.of(), List.of());
        try (MicroProcess micro = MicroProcess.start(options)) {
            Api api = new Api(micro.base(), "admin", PASSWORD);
            JsonObject health = api.get("health").json();
            assertThat(health.getString("dataSource")).isEqualTo("java:comp/DefaultDataSource");
            assertThat(micro.logLinesContaining(List.of("The server defines no data source jdbc/clockwork")))
                    .hasSize(1);

            assertThat(api.post("tasks", "{\"name\":\"fallback.tick\",\"trigger\":\"every 1s\",\"action\":\"noop\"}")
                    .status()).isEqualTo(201);
            JsonObject page = Poll.until(Duration.ofSeconds(30),
                    () -> api.get("tasks/fallback.tick/executions?limit=2").json(),
                    executions -> executions.getJsonArray("items").stream().map(JsonObject.class::cast)
                            .filter(run -> run.getString("status").equals("SUCCEEDED")).count() == 2,
                    "two successful fires on the default data source");
            assertThat(page.getInt("total")).isGreaterThanOrEqualTo(2);
            micro.stop();
        }
    }
}
