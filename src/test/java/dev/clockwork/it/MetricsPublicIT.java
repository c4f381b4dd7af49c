package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server started with {@code CLOCKWORK_METRICS_PUBLIC=true}: its own, since the setting is read at startup. The
 * metrics are then open to a Prometheus server that sends no credentials, and answer the same to one that does.
 */
class MetricsPublicIT {

    private static final String PASSWORD = "metrics-public-admin-password";

    @Test
    void metrics_should_be_open_without_login_when_made_public() throws Exception {
        MicroProcess.Options options = new MicroProcess.Options("metrics-public",
                Path.of(System.getProperty("clockwork.war")), PASSWORD, null,
                Map.of("CLOCKWORK_METRICS_PUBLIC", "true"), List.of());
        try (MicroProcess micro = MicroProcess.start(options)) {
            Api admin = new Api(micro.base(), "admin", PASSWORD);

            for (Api caller : List.of(admin.anonymous(), admin.as("admin", "not-the-password"), admin)) {
                Api.Reply metrics = caller.get("metrics");
                assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
                assertThat(Exposition.parse(metrics.body()).value("clockwork_workers")).hasValue(16.0);
            }
            assertThat(admin.anonymous().get("tasks").status()).as("the rest of the API still needs a user")
                    .isEqualTo(401);
            micro.stop();
        }
    }
}
