package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Graceful drain in a cluster: two Payara Micro nodes on PostgreSQL run six 20 s runs between them; the node running
 * most of them is stopped with SIGTERM. It waits its shutdown grace (3 s), then interrupts its runs and hands each
 * back; the other node runs each again as attempt 2, only once attempt 1 has ended. Every fire succeeds once, and
 * none runs on two nodes at once. A third node is a console node ({@code clockwork.workers=0}): the tasks are
 * created through its API, it stays ready, and it runs none of them, not even when the drain leaves one worker node.
 * {@link RestartIT} checks the drain on a single node, which runs attempt 2 at its next start.
 */
class DrainIT {

    private static final String PASSWORD = "drain-admin-password";
    private static final Duration GRACE = Duration.ofSeconds(3);
    // Long enough to be still going when the stopping node's drain begins, however slowly Payara shuts down.
    private static final Duration LONG_RUN = Duration.ofSeconds(20);
    private static final int RUNS = 6;

    @Test
    void a_node_stopped_during_long_runs_should_hand_them_back_to_the_other_node() throws Exception {
        ClusterDatabase db = ClusterDatabase.postgresql("cw_drain");
        db.reset();
        List<MicroProcess> nodes = start(db, 2);
        MicroProcess console = nodes.get(2);
        try {
            Api api = new Api(console.base(), "admin", PASSWORD);
            String prefix = "drain.";
            for (int i = 0; i < RUNS; i++) {
                api.createTask(prefix + i, "in 1s", "sleep", "{\"ms\":" + LONG_RUN.toMillis() + "}");
            }
            List<ClusterDatabase.Run> started = Poll.until(Duration.ofSeconds(30), () -> db.runs(prefix),
                    runs -> runs.stream().filter(run -> run.status().equals("RUNNING")).count() == RUNS,
                    "every long run to be running");
            long victimPid = started.stream().collect(Collectors.groupingBy(ClusterDatabase.Run::pid,
                    Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow()
                    .getKey();
            Set<String> handedBack = started.stream().filter(run -> run.pid() == victimPid)
                    .map(ClusterDatabase.Run::task).collect(Collectors.toSet());
            MicroProcess victim = nodes.stream().filter(node -> node.pid() == victimPid).findFirst().orElseThrow();
            assertThat(victim).as("a worker node").isNotSameAs(console);
            long stopping = System.nanoTime();
            victim.stop();
            Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);

            List<ClusterDatabase.Run> runs = Poll.until(Duration.ofSeconds(60), () -> db.runs(prefix),
                    all -> all.stream().filter(run -> run.status().equals("SUCCEEDED")).count() == RUNS,
                    "every fire to have succeeded");
            Map<String, List<ClusterDatabase.Run>> byTask = runs.stream().collect(Collectors.groupingBy(
                    ClusterDatabase.Run::task, TreeMap::new, Collectors.toList()));
            long slowestRerunMs = 0;
            for (Map.Entry<String, List<ClusterDatabase.Run>> task : byTask.entrySet()) {
                List<ClusterDatabase.Run> attempts = task.getValue();
                if (!handedBack.contains(task.getKey())) {
                    assertThat(attempts).as("the run of %s on the node that kept going", task.getKey())
                            .singleElement().satisfies(run -> assertThat(run.status()).isEqualTo("SUCCEEDED"));
                    continue;
                }
                assertThat(attempts).as("the attempts of %s, running on the stopped node", task.getKey()).hasSize(2);
                ClusterDatabase.Run first = attempts.get(0);
                ClusterDatabase.Run again = attempts.get(1);
                assertThat(first.status()).isEqualTo("NODE_LOST");
                assertThat(first.error()).contains("handed back as attempt 2");
                assertThat(again.status()).isEqualTo("SUCCEEDED");
                assertThat(again.pid()).as("the node that ran it again").isNotEqualTo(victimPid);
                assertThat(again.startedAt()).as("attempt 2 starts after attempt 1 ended")
                        .isGreaterThanOrEqualTo(first.finishedAt());
                slowestRerunMs = Math.max(slowestRerunMs, (again.startedAt() - first.finishedAt()) / 1000);
            }
            System.out.printf("DRAIN: %d of %d long runs on the stopped node were handed back; it stopped %d ms after"
                    + " SIGTERM with a grace of %s; attempt 2 started at most %d ms after the hand-back%n",
                    handedBack.size(), RUNS, stopTook.toMillis(), GRACE, slowestRerunMs);
            assertThat(stopTook).as("the stop waits the grace").isGreaterThanOrEqualTo(GRACE);
            assertThat(runs).as("runs on the console node").noneMatch(run -> Long.valueOf(console.pid()).equals(run.pid()));
            Api.Reply ready = api.get("health/ready");
            assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
            assertThat(ready.body()).contains("a console node (clockwork.workers=0) claims no work");
            assertThat(api.get("health").json().getString("dispatcher")).as("the console node's dispatcher")
                    .isEqualTo("OFF");
            assertThat(api.get("nodes").array().getValuesAs(JsonObject.class)).as("the console node's row")
                    .filteredOn(node -> node.getJsonNumber("pid").longValue() == console.pid()).singleElement()
                    .satisfies(node -> assertThat(node.getInt("workers")).isZero());
            Browser operator = new Browser(console.base());
            assertThat(operator.logIn("admin", PASSWORD).statusCode()).isEqualTo(302);
            assertThat(operator.get("nodes.xhtml").body()).as("the console's nodes page")
                    .contains("none: a console node");
            assertThat(victim.logLinesContaining(MicroProcess.CONTEXT_FAILURES)).as("container context failures")
                    .isEmpty();
        } finally {
            for (MicroProcess node : nodes) {
                node.close();
            }
            db.drop();
        }
    }

    /** Starts {@code workerNodes} nodes on {@code db} with the drain's grace, and a console node last, at once. */
    private static List<MicroProcess> start(ClusterDatabase db, int workerNodes) throws Exception {
        List<MicroProcess.Options> nodes = new ArrayList<>();
        for (int i = 0; i < workerNodes; i++) {
            nodes.add(node(db, "drain-" + i, "-Dclockwork.shutdown-grace=" + GRACE));
        }
        nodes.add(node(db, "drain-console", "-Dclockwork.workers=0"));
        return MicroProcess.startAll(nodes);
    }

    private static MicroProcess.Options node(ClusterDatabase db, String name, String setting) {
        return new MicroProcess.Options(name, Path.of(System.getProperty("clockwork.war")), PASSWORD,
                db.postbootFile(), db.environment(), List.of(setting));
    }
}
