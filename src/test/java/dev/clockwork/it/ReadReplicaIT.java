package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads from a replica: a PostgreSQL primary and its hot standby of the test's own ({@link PostgresStandby}), one Payara
 * Micro started as the run command starts it with {@code CLOCKWORK_READ_DB_URL}, and the default settings (max-lag and
 * sticky 5 s, heartbeats every 2 s). A reader (an admin, for the audit log) reads; an operator writes. Each test leaves the standby replaying.
 */
class ReadReplicaIT {

    private static final String PASSWORD = "replica-admin-password";
    /** max-lag (5 s) plus a heartbeat (2 s) plus a poll (1 s), and the time the guard takes to see it. */
    private static final Duration SWITCH = Duration.ofSeconds(10);
    private static final List<String> LISTS = List.of("tasks", "nodes", "audit");
    private static final Path REPORT = Path.of("target", "read-replica-report.txt");

    private static PostgresStandby databases;
    private static MicroProcess node;
    private static Api admin;
    private static Api viewer;
    private static Api operator;
    private static String operatorName;
    private static String viewerName;
    private static final String USER_PASSWORD = "Replica-password-123";

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> bin = PostgresStandby.binaries();
        assumeTrue(bin.isPresent(), "No PostgreSQL server binaries under /usr/lib/postgresql (Debian's postgresql"
                + " package): the replica test cannot run");
        databases = PostgresStandby.start(bin.get());
        Path postboot = Path.of("target", "replica-postboot.asadmin").toAbsolutePath();
        Path config = Path.of(System.getProperty("clockwork.server-config"));
        Files.writeString(postboot, Files.readString(config.resolve("postgresql.asadmin")) + "\n"
                + Files.readString(config.resolve("postgresql-read.asadmin")));
        node = MicroProcess.start(new MicroProcess.Options("replica", Path.of(System.getProperty("clockwork.war")),
                PASSWORD, postboot, Map.of(
                        "CLOCKWORK_DB_URL", databases.primaryUrl(),
                        "CLOCKWORK_DB_USER", PostgresStandby.USER,
                        "CLOCKWORK_DB_PASSWORD", PostgresStandby.PASSWORD,
                        "CLOCKWORK_READ_DB_URL", databases.standbyUrl(),
                        "CLOCKWORK_READ_DB_USER", PostgresStandby.USER,
                        "CLOCKWORK_READ_DB_PASSWORD", PostgresStandby.PASSWORD), List.of()));
        admin = new Api(node.base(), "admin", PASSWORD);
        // An admin who only reads: the audit log is an admin's to read.
        viewerName = user("admin");
        viewer = admin.as(viewerName, USER_PASSWORD);
        operatorName = user("operator");
        operator = admin.as(operatorName, USER_PASSWORD);
        Files.writeString(REPORT, "");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (node != null) {
                assertThat(node.logLinesContaining(List.of("read-only transaction"))).as("writes refused by the"
                        + " standby, in the server's log").isEmpty();
                node.stop();
            }
            if (databases != null) {
                assertThat(Files.readAllLines(databases.standbyLog(), StandardCharsets.ISO_8859_1))
                        .as("writes refused by the standby, in its log")
                        .noneMatch(line -> line.contains("read-only transaction"));
            }
        } finally {
            if (node != null) {
                node.close();
            }
            if (databases != null) {
                databases.close();
            }
        }
    }

    @AfterEach
    void replaying() throws Exception {
        databases.resumeReplay();
        Poll.until(PostgresStandby.REPLAY, databases::caughtUp, done -> done, "the standby to catch up");
    }

    @Test
    void reads_should_come_from_the_replica_and_show_a_task_once_the_standby_replayed_it() {
        String name = unique("replayed");
        awaitReplica();
        operator.createTask(name, "every 1h", "noop", "{}");
        Poll.until(SWITCH, () -> viewer.get("tasks/" + name), reply -> reply.status() == 200
                && reply.read().equals("replica"), "the new task to be read from the replica once replayed");
        for (String list : LISTS) {
            Api.Reply reply = viewer.get(list);
            assertThat(reply.status()).as(list).isEqualTo(200);
            assertThat(reply.read()).as(list).isEqualTo("replica");
        }
        assertThat(viewer.get("tasks/" + name + "/executions").read()).isEqualTo("replica");
        String execution = "executions/" + operator.post("tasks/" + name + "/run", "").json().getJsonNumber(
                "executionId").longValue();
        Poll.until(SWITCH, () -> viewer.get(execution), reply -> reply.status() == 200 && reply.read().equals(
                "replica"), "the manual run to be read from the replica");
        Api.Reply metrics = viewer.get("metrics");
        assertThat(metrics.read()).as("the metrics' cluster gauges").isEqualTo("replica");
        assertThat(metrics.body()).contains("clockwork_read_replica_in_use 1.0")
                .containsPattern("clockwork_read_replica_lag_seconds [0-9.E-]+\n");
        assertThat(admin.get("health/ready").json().getJsonObject("readReplica").getString("state"))
                .isEqualTo("IN_USE");
        for (String other : List.of("health", "health/ready", "actions")) {
            assertThat(viewer.get(other).read()).as(other + ": every GET says where it read").isEqualTo("primary");
        }
    }

    @Test
    void user_should_read_their_own_change_from_the_primary_right_after_it_whatever_the_credentials()
            throws Exception {
        String name = unique("own");
        awaitReplica();
        databases.pauseReplay();
        operator.createTask(name, "every 1h", "noop", "{}");
        Api.Reply own = operator.get("tasks/" + name);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.read()).isEqualTo("primary");
        Api.Reply fresh = admin.as(operatorName, USER_PASSWORD).get("tasks");
        assertThat(fresh.read()).as("the same user with a new client, no session").isEqualTo("primary");
        assertThat(fresh.body()).contains(name);
        Api.Reply other = viewer.get("tasks/" + name);
        assertThat(other.read()).as("another user reads the replica, which has not replayed it").isEqualTo("replica");
        assertThat(other.status()).isEqualTo(404);
    }

    @Test
    void reads_should_go_to_the_primary_while_replay_is_paused_and_back_after_resume() throws Exception {
        String name = unique("paused");
        awaitReplica();
        databases.pauseReplay();
        long paused = System.nanoTime();
        Poll.until(SWITCH, () -> viewer.get("tasks").read(), "primary"::equals,
                "reads to switch to the primary within max-lag plus a poll");
        Duration toPrimary = Duration.ofNanos(System.nanoTime() - paused);
        operator.createTask(name, "every 1h", "noop", "{}");
        Api.Reply lagging = viewer.get("tasks/" + name);
        assertThat(lagging.status()).as("a change made while the replica lags, read from the primary")
                .isEqualTo(200);
        assertThat(lagging.read()).isEqualTo("primary");
        JsonObject health = admin.get("health").json();
        assertThat(health.getJsonObject("readReplica").getString("state")).isEqualTo("LAGGING");
        assertThat(health.getString("status")).as("a lagging replica fails no probe").isEqualTo("UP");
        assertThat(viewer.get("metrics").body()).contains("clockwork_read_replica_in_use 0.0");
        databases.resumeReplay();
        long resumed = System.nanoTime();
        Poll.until(SWITCH, () -> viewer.get("tasks").read(), "replica"::equals, "reads to come back to the replica");
        Duration toReplica = Duration.ofNanos(System.nanoTime() - resumed);
        report("replay paused -> reads on the primary after " + toPrimary.toMillis() + " ms; resumed -> back on the"
                + " replica after " + toReplica.toMillis() + " ms");
        assertThat(toPrimary).isLessThanOrEqualTo(SWITCH);
    }

    @Test
    void every_read_should_answer_from_the_primary_while_the_standby_is_stopped() throws Exception {
        String name = unique("stopped");
        awaitReplica();
        operator.createTask(name, "every 1h", "noop", "{}");
        String execution = "executions/" + operator.post("tasks/" + name + "/run", "").json().getJsonNumber(
                "executionId").longValue();
        Poll.until(PostgresStandby.REPLAY, databases::caughtUp, done -> done, "the standby to replay the task");
        databases.stopStandby();
        try {
            long stopped = System.nanoTime();
            List<String> failures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String list : List.of("tasks", "tasks/" + name, "tasks/" + name + "/executions", "nodes",
                        "audit", execution)) {
                    Api.Reply reply = viewer.get(list);
                    if (reply.status() != 200 || !reply.read().equals("primary")) {
                        failures.add(list + ": " + reply.status() + " read " + reply.read());
                    }
                }
            }
            assertThat(failures).as("reads while the standby is stopped").isEmpty();
            report("standby stopped -> first 30 reads (6 kinds, 5 rounds) all 200 from the primary, in "
                    + Duration.ofNanos(System.nanoTime() - stopped).toMillis() + " ms");
            JsonObject health = Poll.until(SWITCH, () -> admin.get("health"), reply -> reply.status() == 200,
                    "health to answer 200 with the standby stopped").json();
            assertThat(health.getJsonObject("readReplica").getString("state")).isEqualTo("DOWN");
        } finally {
            databases.startStandby();
        }
        long started = System.nanoTime();
        Poll.until(SWITCH, () -> viewer.get("tasks").read(), "replica"::equals,
                "reads to come back to the restarted standby");
        report("standby restarted -> back on the replica after "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
    }

    @Test
    void console_pages_should_read_from_the_replica_and_answer_from_the_primary_without_it() throws Exception {
        String name = unique("console");
        awaitReplica();
        Browser browser = new Browser(node.base());
        assertThat(browser.logIn(viewerName, USER_PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> nodes = browser.get("nodes.xhtml");
        assertThat(nodes.statusCode()).isEqualTo(200);
        assertThat(nodes.body()).contains("Read replica of this node: in use, the console and the API read from it");
        databases.pauseReplay();
        operator.createTask(name, "every 1h", "noop", "{}");
        HttpResponse<String> tasks = browser.get("tasks.xhtml");
        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(tasks.body()).as("the task list, read from the replica, which has not replayed the new task")
                .doesNotContain(name);
        assertThat(viewer.get("tasks").read()).as("the replica was still in use after the page").isEqualTo("replica");
        databases.resumeReplay();
        Poll.until(PostgresStandby.REPLAY, databases::caughtUp, done -> done, "the standby to catch up");
        assertThat(browser.get("tasks.xhtml").body()).contains(name);
        databases.stopStandby();
        try {
            for (String page : List.of("index.xhtml", "tasks.xhtml", "executions.xhtml", "nodes.xhtml", "audit.xhtml",
                    "task.xhtml?name=" + name)) {
                assertThat(browser.get(page).statusCode()).as(page + " with the standby stopped").isEqualTo(200);
            }
            assertThat(browser.get("tasks.xhtml").body()).contains(name);
        } finally {
            databases.startStandby();
        }
    }

    private static void awaitReplica() {
        Poll.until(Duration.ofSeconds(60), () -> viewer.get("tasks").read(), "replica"::equals,
                "the node to measure the replica in use");
    }

    /** Creates a user of {@code role} (admin, operator) with {@link #USER_PASSWORD}; returns its name. */
    private static String user(String role) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = admin.post("users", "{\"username\":\"" + name + "\",\"password\":\"" + USER_PASSWORD
                + "\",\"role\":\"clockwork-" + role + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return name;
    }

    private static String unique(String what) {
        return "replica." + what + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private static synchronized void report(String line) throws IOException {
        System.out.println("ReadReplicaIT: " + line);
        Files.writeString(REPORT, line + "\n", java.nio.file.StandardOpenOption.APPEND);
    }
}
