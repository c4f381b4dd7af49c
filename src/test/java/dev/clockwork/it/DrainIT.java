package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

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
 * none runs on two nodes at once. {@link RestartIT} checks the same on a single node, which runs attempt 2 at its
 * next start.
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
        try {
            Api api = new Api(nodes.get(0).base(), "admin", PASSWORD);
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
            assertThat(victim.logLinesContaining(MicroProcess.CONTEXT_FAILURES)).as("container context failures")
                    .isEmpty();
        } finally {
            for (MicroProcess node : nodes) {
                node.close();
            }
            db.drop();
        }
    }

    /** Starts {@code count} nodes on {@code db} at once, with the drain's grace. */
    private static List<MicroProcess> start(ClusterDatabase db, int count) throws Exception {
        List<MicroProcess.Options> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(new MicroProcess.Options("drain-" + i, Path.of(System.getProperty("clockwork.war")), PASSWORD,
                    db.postbootFile(), db.environment(), List.of("-Dclockwork.shutdown-grace=" + GRACE)));
        }
        return MicroProcess.startAll(nodes);
    }
}
