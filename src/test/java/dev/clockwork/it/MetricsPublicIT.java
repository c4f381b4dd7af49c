package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server started with {@code CLOCKWORK_METRICS_PUBLIC=true}: its own, since the setting is read at startup, and
 * with 4 workers, so that a few long runs fill them. The metrics are then open to a Prometheus server that sends no
 * credentials, and answer the same to one that does; a real Prometheus scrapes it.
 */
class MetricsPublicIT {

    private static final String PASSWORD = "metrics-public-admin-password";
    private static final int WORKERS = 4;
    private static final Path DASHBOARD = Path.of("server-config", "grafana", "clockwork-dashboard.json");

    private static MicroProcess micro;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        micro = MicroProcess.start(new MicroProcess.Options("metrics-public",
                Path.of(System.getProperty("clockwork.war")), PASSWORD, null,
                Map.of("CLOCKWORK_METRICS_PUBLIC", "true"), List.of("-Dclockwork.workers=" + WORKERS)));
        admin = new Api(micro.base(), "admin", PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (micro != null) {
            micro.stop();
        }
    }

    @Test
    void metrics_should_be_open_without_login_when_made_public() {
        for (Api caller : List.of(admin.anonymous(), admin.as("admin", "not-the-password"), admin)) {
            Api.Reply metrics = caller.get("metrics");
            assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
            assertThat(Exposition.parse(metrics.body()).value("clockwork_workers")).hasValue((double) WORKERS);
        }
        assertThat(admin.anonymous().get("tasks").status()).as("the rest of the API still needs a user")
                .isEqualTo(401);
    }

    /**
     * Debian's Prometheus scrapes the node every second. Runs of short tasks show up in
     * {@code clockwork_executions_total} with the lag near 0; then long runs fill every worker (and the few fires a
     * node claims ahead), the fires due after them wait unclaimed, and the lag Prometheus reads grows.
     */
    @Test
    void prometheus_should_see_runs_counted_and_the_lag_grow_when_workers_are_full() throws Exception {
        String prefix = "scrape." + UUID.randomUUID().toString().substring(0, 8) + ".";
        String succeeded = "sum(clockwork_executions_total{action=\"noop\",status=\"SUCCEEDED\"})";
        String lag = "clockwork_scheduling_lag_seconds{job=\"clockwork\"}";
        try (PrometheusServer prometheus = PrometheusServer.scraping(micro.base(), "metrics-public")) {
            Poll.until(Duration.ofSeconds(15), () -> prometheus.value("up{job=\"clockwork\"}"),
                    up -> up.orElse(0) == 1, "Prometheus to scrape Clockwork (" + prometheus + ")");
            double before = prometheus.value(succeeded).orElse(0);
            for (int i = 0; i < 3; i++) {
                admin.createTask(prefix + "noop." + i, "every 1s", "noop", "null");
            }

            double after = Poll.until(Duration.ofSeconds(20), () -> prometheus.value(succeeded),
                    count -> count.orElse(0) >= before + 6, "6 runs of noop in Prometheus").getAsDouble();
            double steadyLag = prometheus.value(lag).orElseThrow();
            System.out.printf("PROMETHEUS %s: %s went %.0f -> %.0f; %s = %.3f s%n", prometheus.base(), succeeded,
                    before, after, lag, steadyLag);
            assertThat(steadyLag).as("lag while the node keeps up").isLessThan(1.5);

            int longRuns = 3 * WORKERS;
            for (int i = 0; i < longRuns; i++) {
                admin.createTask(prefix + "sleep." + i, "in 1s", "sleep", "{\"ms\":20000}");
            }
            OptionalDouble grown = Poll.until(Duration.ofSeconds(30), () -> prometheus.value(lag),
                    value -> value.orElse(0) >= 4, "the lag in Prometheus to pass 4 s with every worker busy");
            double busy = prometheus.value("clockwork_workers_busy{job=\"clockwork\"}").orElseThrow();
            System.out.printf("PROMETHEUS: with %d runs of 20 s on %d workers, %s = %.3f s, workers busy %.0f%n",
                    longRuns, WORKERS, lag, grown.getAsDouble(), busy);
            assertThat(busy).isEqualTo(WORKERS);
            assertDashboardQueriesAnswer(prometheus);
        } finally {
            for (int i = 0; i < 3 * WORKERS; i++) {
                admin.delete("tasks/" + prefix + "sleep." + i);
            }
            for (int i = 0; i < 3; i++) {
                admin.delete("tasks/" + prefix + "noop." + i);
            }
        }
    }

    /** Every query of the Grafana dashboard, as Grafana would send it for all nodes, gives series from this data. */
    private static void assertDashboardQueriesAnswer(PrometheusServer prometheus) throws Exception {
        JsonObject dashboard;
        try (Reader in = Files.newBufferedReader(DASHBOARD)) {
            dashboard = Json.createReader(in).readObject();
        }
        List<String> queries = dashboard.getJsonArray("panels").getValuesAs(JsonObject.class).stream()
                .flatMap(panel -> panel.getJsonArray("targets").getValuesAs(JsonObject.class).stream())
                .map(target -> target.getString("expr").replace("$__rate_interval", "1m")
                        .replace("$instance", ".*"))
                .toList();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(6);
        for (String query : queries) {
            List<JsonObject> series = prometheus.query(query);
            System.out.printf("DASHBOARD %s -> %s%n", query, series);
            assertThat(series).as(query).isNotEmpty();
        }
    }
}
