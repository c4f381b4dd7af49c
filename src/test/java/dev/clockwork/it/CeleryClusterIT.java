package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.clockwork.actions.CeleryWorker;
import dev.clockwork.actions.QueueActionsForTests;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Clockwork as Celery's beat, across a crash: three Payara Micro nodes on the machine's PostgreSQL fire 40 celery
 * tasks every second to one queue; one node is killed with SIGKILL while they fire. A real Celery worker runs the
 * README's {@code OncePerFire} task (done task ids in the machine's Redis, {@code acks_late}) and records every
 * delivery and whether it ran or dropped it. Every fire recorded as sent must reach the worker; task ids that reach it
 * twice are counted and bounded by the killed node's unrecorded runs (how many there are depends on what the node
 * held at the kill, often none or one: the runs take milliseconds, so the report gives the number rather than the
 * test requiring one); the worker runs each id once. Writes {@code target/celery-cluster-report.json}.
 */
class CeleryClusterIT {

    private static final String PASSWORD = "celery-cluster-admin-password";
    private static final int TASKS = 40;
    private static final Duration KILL_AFTER = Duration.ofSeconds(15);
    private static final Duration RUN = Duration.ofSeconds(45);

    @Test
    void three_nodes_should_send_every_fire_and_the_worker_should_run_each_once_across_a_kill() throws Exception {
        QueueActionsForTests.assumeRabbitMq();
        CeleryWorker.assumeCelery();
        String queue = "cw-cluster-" + UUID.randomUUID().toString().substring(0, 8);
        ClusterDatabase db = ClusterDatabase.postgresql("cw_celery_cluster");
        db.reset();
        List<MicroProcess> nodes = new ArrayList<>();
        try (Connection test = QueueActionsForTests.connect();
             CeleryWorker worker = CeleryWorker.forQueue(queue, "cwdedupe")) {
            Channel channel = test.createChannel();
            channel.queueDeclare(queue, true, false, false, null);
            worker.start(test);
            nodes.addAll(startNodes(db, queue));
            Api api = new Api(nodes.get(0).base(), "admin", PASSWORD);
            for (int i = 0; i < TASKS; i++) {
                api.createTask(queue + ".tick." + i, "every 1s", "celery", "{\"task\": \"cwdedupe.tick\", \"args\":"
                        + " [" + i + "], \"queue\": \"" + queue + "\"}");
            }
            Instant start = Instant.now();
            MicroProcess victim = nodes.get(2);
            db.awaitSucceeded(victim.pid());
            Poll.pause(Duration.between(Instant.now(), start.plus(KILL_AFTER)).isNegative() ? Duration.ZERO
                    : Duration.between(Instant.now(), start.plus(KILL_AFTER)));
            victim.kill();
            Poll.pause(Duration.between(Instant.now(), start.plus(RUN)).isNegative() ? Duration.ZERO
                    : Duration.between(Instant.now(), start.plus(RUN)));
            for (int i = 0; i < TASKS; i++) {
                api.post("tasks/" + queue + ".tick." + i + "/pause", "");
            }
            // Runs that were going when the tasks paused end, and the killed node's are taken over (dead-after 10 s).
            Poll.until(Duration.ofSeconds(60), () -> unfinished(db), count -> count == 0,
                    "every execution of the celery tasks to have ended");
            Poll.until(Duration.ofSeconds(60), () -> waiting(channel, queue), count -> count == 0,
                    "the worker to have taken every message");
            int settled = Poll.until(Duration.ofSeconds(30), () -> worker.calls().size(),
                    count -> count > 0 && worker.calls().size() == count, "the worker's record to settle");

            Map<String, Integer> sent = sentFires(db);
            Map<String, List<Boolean>> deliveries = new HashMap<>();
            for (JsonObject call : worker.calls()) {
                deliveries.computeIfAbsent(call.getString("id"), id -> new ArrayList<>()).add(call.getBoolean("ran"));
            }
            Set<String> twice = deliveries.entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            long dropped = deliveries.values().stream().flatMap(List::stream).filter(ran -> !ran).count();
            Set<String> ranTwice = deliveries.entrySet().stream()
                    .filter(e -> e.getValue().stream().filter(ran -> ran).count() > 1).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            Set<String> missing = new HashSet<>(sent.keySet());
            missing.removeAll(deliveries.keySet());
            int lost = lostRuns(db, victim.pid());
            JsonObject report = Json.createObjectBuilder().add("tasks", TASKS).add("firesSent", sent.size())
                    .add("deliveries", settled).add("distinctIdsDelivered", deliveries.size())
                    .add("idsDeliveredTwice", twice.size()).add("droppedByDedupe", dropped)
                    .add("ranTwice", ranTwice.size()).add("sentButNeverDelivered", missing.size())
                    .add("killedNodeRunsLost", lost).build();
            Files.writeString(Path.of("target", "celery-cluster-report.json"), report.toString());
            System.out.println("CELERY CLUSTER REPORT " + report);
            channel.queueDelete(queue);

            assertThat(sent.size()).as("fires sent").isGreaterThan(TASKS * 30);
            assertThat(missing).as("fires recorded as sent that never reached the worker").isEmpty();
            assertThat(twice.size()).as("ids delivered twice, at most the killed node's lost runs")
                    .isLessThanOrEqualTo(lost);
            assertThat(dropped).as("every repeat dropped by the worker").isEqualTo(settled - deliveries.size());
            assertThat(ranTwice).as("ids the worker ran twice").isEmpty();
        } finally {
            for (MicroProcess node : nodes) {
                node.close();
            }
            db.drop();
        }
    }

    private static List<MicroProcess> startNodes(ClusterDatabase db, String queue) throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(3);
        try {
            List<Future<MicroProcess>> starting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Map<String, String> environment = new HashMap<>(db.environment());
                environment.put("CLOCKWORK_AMQP_URI", QueueActionsForTests.URI);
                environment.put("CLOCKWORK_AMQP_ALLOW", queue);
                String name = "celery-cluster-" + i;
                starting.add(starter.submit(() -> MicroProcess.start(new MicroProcess.Options(name,
                        Path.of(System.getProperty("clockwork.war")), PASSWORD, db.postbootFile(), environment,
                        List.of(ClusterIT.CATCH_UP)))));
            }
            List<MicroProcess> started = new ArrayList<>();
            for (Future<MicroProcess> node : starting) {
                started.add(node.get());
            }
            return started;
        } finally {
            starter.shutdown();
        }
    }

    /** Each fire whose first attempt or a retry was recorded SUCCEEDED (confirmed by the broker), by its task id. */
    private static Map<String, Integer> sentFires(ClusterDatabase db) throws Exception {
        Map<String, Integer> sent = new HashMap<>();
        try (java.sql.Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement("SELECT t.name, e.fire_time, COUNT(*)"
                     + " FROM cw_execution e JOIN cw_task t ON t.id = e.task_id"
                     + " WHERE t.action = 'celery' AND e.status = 'SUCCEEDED' GROUP BY t.name, e.fire_time");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                sent.put(rows.getString(1) + "@" + Instant.EPOCH.plus(rows.getLong(2), ChronoUnit.MICROS), rows.getInt(3));
            }
        }
        return sent;
    }

    private static int waiting(Channel channel, String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long unfinished(ClusterDatabase db) {
        try (java.sql.Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM cw_execution"
                     + " WHERE status IN ('WAITING', 'QUEUED', 'RUNNING')");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError("Cannot read the cluster's database: " + e.getMessage(), e);
        }
    }

    /** Executions of the killed node that it never recorded: taken over as NODE_LOST. */
    private static int lostRuns(ClusterDatabase db, long pid) throws Exception {
        try (java.sql.Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM cw_execution e"
                     + " JOIN cw_node n ON n.id = e.node WHERE n.pid = ? AND e.status = 'NODE_LOST'")) {
            select.setLong(1, pid);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
