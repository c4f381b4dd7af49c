package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST API over HTTP with real credentials, against the WAR as built: the checks every server runs, whoever
 * deployed the WAR (Arquillian in {@link RestIT}, the README's script in {@link PayaraServerIT}).
 */
abstract class RestChecks {

    private static final String ADMIN_PASSWORD = System.getProperty("clockwork.it.admin.password");

    private Api admin;

    /** The application's root with a trailing slash, e.g. {@code http://127.0.0.1:8080/clockwork/}. */
    protected abstract URI root() throws Exception;

    @BeforeEach
    void connect() throws Exception {
        admin = new Api(root(), "admin", ADMIN_PASSWORD);
    }

    @Test
    void health_should_be_up_without_login() {
        Api.Reply health = admin.anonymous().get("health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("UP");
        assertThat(health.json().getString("database")).isEqualTo("UP");
        assertThat(health.json().getString("dispatcher")).isEqualTo("UP");
    }

    @Test
    void api_should_answer_401_without_credentials_and_with_wrong_ones() {
        assertThat(admin.anonymous().get("tasks").status()).isEqualTo(401);
        Api.Reply wrong = admin.as("admin", "not-the-password").get("tasks");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
    }

    @Test
    void viewer_should_read_but_get_403_when_changing_tasks() {
        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("users", "{\"username\":\"" + viewer + "\",\"password\":\"viewer-password\","
                + "\"role\":\"clockwork-viewer\"}").status()).isEqualTo(201);
        Api asViewer = admin.as(viewer, "viewer-password");

        assertThat(asViewer.get("tasks").status()).isEqualTo(200);
        assertThat(asViewer.post("tasks", taskJson(unique("viewer"), "every 1h", "noop")).status()).isEqualTo(403);
        assertThat(asViewer.post("users", "{\"username\":\"x1234567\",\"password\":\"x1234567\","
                + "\"role\":\"clockwork-admin\"}").status()).isEqualTo(403);
    }

    @Test
    void post_should_create_a_task_with_201_location_and_body() {
        String name = unique("create");
        Api.Reply created = admin.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"cron 0 9 * * MON-FRI\","
                + "\"action\":\"log\",\"args\":{\"to\":\"ops\"},\"zone\":\"Europe/Paris\",\"priority\":5,"
                + "\"description\":\"morning report\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.location()).endsWith("/api/tasks/" + name);
        JsonObject task = created.json();
        assertThat(task.getString("name")).isEqualTo(name);
        assertThat(task.getString("zone")).isEqualTo("Europe/Paris");
        assertThat(task.getJsonObject("args").getString("to")).isEqualTo("ops");
        assertThat(task.getInt("priority")).isEqualTo(5);
        assertThat(task.getBoolean("active")).isTrue();
        assertThat(task.getString("state")).isEqualTo("ACTIVE");
        assertThat(task.getString("triggerDescription")).isNotBlank();
        assertThat(Instant.parse(task.getString("nextFireAt"))).isAfter(Instant.now());
        assertThat(task.getJsonArray("warnings")).isEmpty();
        assertThat(admin.get("tasks/" + name).json().getString("description")).isEqualTo("morning report");
    }

    @Test
    void bad_trigger_should_be_400_problem_naming_the_cron_field() {
        Api.Reply bad = admin.post("tasks", taskJson(unique("bad"), "cron 0 25 * * *", "log"));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().getInt("status")).isEqualTo(400);
        assertThat(bad.json().getString("field")).isEqualTo("trigger");
        assertThat(bad.json().getString("detail")).contains("hour").contains("25");
    }

    @Test
    void fire_times_beyond_the_horizon_should_be_400_on_create_and_update_and_change_nothing() {
        for (String trigger : List.of("at 2263-01-01T00:00", "at 9999-12-31T23:59", "in 13000w", "every 13000w",
                "every 1h from 2300-01-01T00:00")) {
            Api.Reply refused = admin.post("tasks", taskJson(unique("far"), trigger, "noop"));
            assertThat(refused.status()).as(trigger + ": " + refused).isEqualTo(400);
            assertThat(refused.json().getString("field")).isEqualTo("trigger");
            assertThat(refused.json().getString("detail")).contains("fire times must be before 2200-01-01T00:00:00Z");
        }
        String name = unique("far-update");
        assertThat(admin.post("tasks", taskJson(name, "every 1h", "noop")).status()).isEqualTo(201);

        Api.Reply update = admin.put("tasks/" + name, taskJson(name, "at 2263-01-01T00:00", "noop"));

        assertThat(update.status()).as(update.toString()).isEqualTo(400);
        assertThat(update.json().getString("detail")).contains("2200-01-01");
        assertThat(admin.get("tasks/" + name).json().getString("trigger")).isEqualTo("every 1h");
        admin.delete("tasks/" + name);
    }

    @Test
    void task_whose_next_fire_is_beyond_the_horizon_should_fire_once_be_done_and_stop_nothing() {
        String far = unique("far-next");
        // Far enough ahead that a slow request still arrives before it: a start already past would make the first
        // fire the one 12,500 weeks on, beyond the horizon, and the create a 400.
        String from = LocalDateTime.ofInstant(Instant.now().plusSeconds(15), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(admin.post("tasks", "{\"name\":\"" + far + "\",\"trigger\":\"every 12500w from " + from
                + "\",\"action\":\"noop\",\"zone\":\"UTC\"}").status()).isEqualTo(201);
        String steady = unique("steady");
        assertThat(admin.post("tasks", taskJson(steady, "every 1s", "noop")).status()).isEqualTo(201);

        Poll.until(Duration.ofSeconds(60), () -> admin.get("tasks/" + far).json(),
                task -> task.getString("state").equals("DONE") && "SUCCEEDED".equals(task.getString("lastStatus", null)),
                "the far task to fire once and be DONE");
        int before = admin.get("tasks/" + steady).json().getInt("fireCount");
        Poll.until(Duration.ofSeconds(30), () -> admin.get("tasks/" + steady).json().getInt("fireCount"),
                count -> count >= before + 2, "the steady task to keep firing");
        Api.Reply health = admin.anonymous().get("health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().getString("dispatcher")).isEqualTo("UP");
        admin.delete("tasks/" + far);
        admin.delete("tasks/" + steady);
    }

    @Test
    void a_failing_task_should_be_retried_by_its_policy_as_attempts_of_the_same_fire() {
        String name = unique("retried");
        Api.Reply created = admin.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"in 1s\","
                + "\"action\":\"sleep\",\"args\":{\"ms\":-1},"
                + "\"retry\":{\"attempts\":3,\"backoff\":\"1s\",\"multiplier\":1.0,\"jitter\":0}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject retry = created.json().getJsonObject("retry");
        assertThat(retry.getInt("attempts")).isEqualTo(3);
        assertThat(retry.getString("backoff")).isEqualTo("1s");
        assertThat(retry.getString("maxBackoff")).as("the default").isEqualTo("1h");

        List<JsonObject> runs = Poll.until(Duration.ofSeconds(60),
                () -> admin.get("tasks/" + name + "/executions").json().getJsonArray("items")
                        .getValuesAs(JsonObject.class),
                items -> items.size() == 3 && items.stream().allMatch(e -> e.getString("status").equals("FAILED")),
                "three failed attempts of " + name);

        List<JsonObject> oldestFirst = new ArrayList<>(runs);
        Collections.reverse(oldestFirst);
        assertThat(oldestFirst).extracting(e -> e.getInt("attempt")).containsExactly(1, 2, 3);
        assertThat(oldestFirst).extracting(e -> e.getString("kind")).containsExactly("SCHEDULED", "RETRY", "RETRY");
        assertThat(oldestFirst).extracting(e -> e.getString("fireTime")).containsOnly(
                oldestFirst.get(0).getString("fireTime"));
        assertThat(oldestFirst.get(1).getString("dueAt", null)).isNotNull();
        admin.delete("tasks/" + name);
    }

    @Test
    void a_run_past_its_timeout_should_end_timed_out() {
        String name = unique("timeout");
        Api.Reply created = admin.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"in 1s\","
                + "\"action\":\"sleep\",\"args\":{\"ms\":60000},\"timeout\":\"1s\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("timeout")).isEqualTo("1s");

        JsonObject run = Poll.until(Duration.ofSeconds(40),
                () -> admin.get("tasks/" + name + "/executions").json().getJsonArray("items"),
                items -> items.size() == 1 && !List.of("QUEUED", "RUNNING").contains(items.getJsonObject(0)
                        .getString("status")), "the run of " + name + " to end").getJsonObject(0);

        assertThat(run.getString("status")).isEqualTo("TIMED_OUT");
        assertThat(run.getString("error")).contains("timeout of 1s");
        admin.delete("tasks/" + name);
    }

    @Test
    void a_fire_while_the_last_run_is_going_should_be_skipped_under_forbid_with_the_reason() {
        String name = unique("forbid");
        Api.Reply created = admin.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"every 1s\","
                + "\"action\":\"sleep\",\"args\":{\"ms\":3000},\"misfire\":\"skip\",\"grace\":\"1m\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("overlap")).as("the default for new tasks").isEqualTo("FORBID");
        assertThat(created.json().getString("misfire")).isEqualTo("SKIP");
        assertThat(created.json().getString("grace")).isEqualTo("1m");

        JsonObject skipped = Poll.until(Duration.ofSeconds(30),
                () -> admin.get("tasks/" + name + "/executions?limit=100").json().getJsonArray("items").stream()
                        .map(JsonValue::asJsonObject).filter(run -> run.getString("status").equals("SKIPPED"))
                        .findFirst(),
                Optional::isPresent, "a skipped fire of " + name).orElseThrow();
        admin.post("tasks/" + name + "/pause", "");

        assertThat(skipped.getString("reason")).startsWith("overlap FORBID: execution ").contains(" is still running");
        JsonArray all = admin.get("tasks/" + name + "/executions?limit=100").json().getJsonArray("items");
        assertThat(all.stream().map(run -> run.asJsonObject().getString("status"))
                .filter(status -> status.equals("RUNNING") || status.equals("QUEUED")))
                .as("never two runs at once").hasSizeLessThanOrEqualTo(1);
        admin.delete("tasks/" + name);
    }

    @Test
    void cancelling_a_running_execution_should_interrupt_it_and_end_it_cancelled() {
        String name = unique("cancel-run");
        assertThat(admin.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"in 1s\","
                + "\"action\":\"sleep\",\"args\":{\"ms\":120000}}").status()).isEqualTo(201);
        JsonObject running = Poll.until(Duration.ofSeconds(30),
                () -> admin.get("tasks/" + name + "/executions").json().getJsonArray("items"),
                items -> items.size() == 1 && items.getJsonObject(0).getString("status").equals("RUNNING"),
                "the run of " + name + " to start").getJsonObject(0);
        long id = running.getJsonNumber("id").longValue();

        String viewerName = "cancel-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("users", "{\"username\":\"" + viewerName + "\",\"password\":\"viewer-password\","
                + "\"role\":\"clockwork-viewer\"}").status()).isEqualTo(201);
        Api viewer = admin.as(viewerName, "viewer-password");
        Api.Reply asViewer = viewer.post("executions/" + id + "/cancel", "");
        Api.Reply cancel = admin.post("executions/" + id + "/cancel", "");
        assertThat(cancel.status()).as(cancel.toString()).isIn(200, 202);
        JsonObject ended = Poll.until(Duration.ofSeconds(30), () -> admin.get("executions/" + id).json(),
                run -> run.getString("status").equals("CANCELLED"), "execution " + id + " to end CANCELLED");
        Api.Reply again = admin.post("executions/" + id + "/cancel", "");
        Api.Reply unknown = admin.post("executions/987654321987/cancel", "");
        admin.delete("tasks/" + name);

        assertThat(ended.getString("error")).contains("Cancelled while running (cancelled by ");
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().getString("detail")).contains("already ended CANCELLED");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(asViewer.status()).isEqualTo(403);
    }

    @Test
    void bad_policies_should_be_400_naming_the_field() {
        for (String[] bad : new String[][] {
                {"\"retry\":{\"attempts\":0}", "retry.attempts"},
                {"\"retry\":{\"backoff\":\"10s\"}", "retry.attempts"},
                {"\"retry\":{\"attempts\":3,\"backoff\":\"banana\"}", "retry.backoff"},
                {"\"retry\":{\"attempts\":3,\"backoff\":\"-5s\"}", "retry.backoff"},
                {"\"retry\":{\"attempts\":3,\"multiplier\":0.5}", "retry.multiplier"},
                {"\"retry\":{\"attempts\":3,\"jitter\":1.5}", "retry.jitter"},
                {"\"retry\":{\"attempts\":3,\"backoff\":\"10m\",\"maxBackoff\":\"1m\"}", "retry.maxBackoff"},
                {"\"timeout\":\"0s\"", "timeout"},
                {"\"timeout\":\"soon\"", "timeout"},
                {"\"overlap\":\"SOMETIMES\"", "overlap"},
                {"\"misfire\":\"LATER\"", "misfire"},
                {"\"grace\":\"0s\"", "grace"},
                {"\"priority\":101", "priority"},
                {"\"priority\":-101", "priority"}}) {
            Api.Reply refused = admin.post("tasks", "{\"name\":\"" + unique("bad-policy") + "\",\"trigger\":\"every 1h\","
                    + "\"action\":\"noop\"," + bad[0] + "}");

            assertThat(refused.status()).as(bad[0] + ": " + refused).isEqualTo(400);
            assertThat(refused.json().getString("field")).as(bad[0]).isEqualTo(bad[1]);
        }
    }

    /** The servers under test allow neither shell nor http tasks (the defaults): each refusal says how to allow one. */
    @Test
    void shell_and_http_tasks_should_be_refused_unless_the_server_allows_them() {
        String shell = "{\"name\":\"" + unique("shell") + "\",\"trigger\":\"every 1h\",\"action\":\"shell\","
                + "\"args\":{\"argv\":[\"/usr/bin/pg_dump\",\"{db}\"],\"db\":\"sales; rm -rf /\"}}";
        Api.Reply byOperator = user("clockwork-operator").post("tasks", shell);
        assertThat(byOperator.status()).as(byOperator.toString()).isEqualTo(403);
        assertThat(byOperator.json().getString("detail")).contains("Only an admin");

        Api.Reply disabled = admin.post("tasks", shell);
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(400);
        assertThat(disabled.json().getString("field")).isEqualTo("action");
        assertThat(disabled.json().getString("detail")).contains("clockwork.shell.enabled=true")
                .contains("CLOCKWORK_SHELL_ENABLED");

        Api.Reply http = admin.post("tasks", "{\"name\":\"" + unique("http") + "\",\"trigger\":\"every 1h\","
                + "\"action\":\"http\",\"args\":{\"url\":\"https://billing.example.com/remind\"}}");
        assertThat(http.status()).as(http.toString()).isEqualTo(400);
        assertThat(http.json().getString("field")).isEqualTo("args.url");
        assertThat(http.json().getString("detail")).contains("clockwork.http.allow");
    }

    /** Whether the server under test has a JMS provider: Payara Server Full has one, unlike the others here. */
    protected boolean hasJmsProvider() {
        return false;
    }

    /**
     * Neither Payara Micro nor WildFly's standalone.xml has a JMS provider, and neither allows a destination: a jms
     * task is saved with warnings that say which setting to set, and its run ends FAILED saying there is no provider
     * and how to get one (JmsIT runs the action where there is one). The action is listed with its argument help.
     */
    @Test
    void a_jms_task_should_warn_and_its_run_fail_cleanly_on_a_server_without_a_provider() {
        Assumptions.assumeFalse(hasJmsProvider(), "this server has a JMS provider; JmsIT runs the action on one");
        JsonObject jms = Poll.until(Duration.ofSeconds(20), () -> admin.get("actions").array()
                        .getValuesAs(JsonObject.class).stream().filter(a -> a.getString("name").equals("jms"))
                        .findFirst().orElse(null), a -> a != null, "jms in the cluster's actions");
        assertThat(jms.getString("description")).contains("\"queue\"").contains("clockwork.jms.allow");
        Api.Reply bad = admin.post("tasks", "{\"name\":\"" + unique("jms-bad") + "\",\"trigger\":\"every 1h\","
                + "\"action\":\"jms\",\"args\":{\"queue\":\"reports\",\"priority\":12}}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().getString("field")).isEqualTo("args.priority");

        String name = unique("jms");
        Api.Reply created = admin.post("tasks", "{\"name\":\"" + name + "\",\"trigger\":\"every 1h\","
                + "\"action\":\"jms\",\"args\":{\"queue\":\"reports\",\"body\":{\"day\":\"monday\"}}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getJsonArray("warnings").getValuesAs(JsonString.class))
                .extracting(JsonString::getString)
                .anySatisfy(w -> assertThat(w).contains("clockwork.jms.allow").contains("CLOCKWORK_JMS_ALLOW"))
                .anySatisfy(w -> assertThat(w).startsWith("no JMS provider on this server:"));

        Api.Reply run = admin.post("tasks/" + name + "/run", "");
        assertThat(run.status()).as(run.toString()).isEqualTo(202);
        long id = run.json().getJsonNumber("executionId").longValue();
        JsonObject ended = Poll.until(Duration.ofSeconds(20), () -> admin.get("executions/" + id).json(),
                e -> !List.of("WAITING", "QUEUED", "RUNNING").contains(e.getString("status")), "jms run " + id);
        assertThat(ended.getString("status")).isEqualTo("FAILED");
        assertThat(ended.getString("error")).contains("no JMS provider on this server: connection factory"
                + " java:comp/DefaultJMSConnectionFactory").contains("standalone-full.xml")
                .contains("Payara Server Full");
        admin.delete("tasks/" + name);
    }

    /**
     * No server here allows a RabbitMQ exchange or queue ({@code clockwork.amqp.allow}; QueueActionsIT runs the
     * actions on a node that does): an amqp or celery task is refused with a 400 that names the argument and the
     * setting an admin changes, never a 500 (QueueTasksTest checks the warning of a missing broker URI).
     */
    @Test
    void amqp_and_celery_tasks_to_a_queue_not_allowed_should_be_400_naming_the_setting() {
        for (String task : List.of("{\"action\":\"amqp\",\"args\":{\"routingKey\":\"reports\",\"body\":\"tick\"}}",
                "{\"action\":\"celery\",\"args\":{\"task\":\"billing.tasks.invoice\",\"args\":[1]}}")) {
            Api.Reply refused = admin.post("tasks", "{\"name\":\"" + unique("no-broker") + "\",\"trigger\":"
                    + "\"every 1h\"," + task.substring(1));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().getString("field")).as(task).startsWith("args.");
            assertThat(refused.json().getString("detail")).as(task).contains("is not in clockwork.amqp.allow")
                    .contains("CLOCKWORK_AMQP_ALLOW");
        }
    }

    @Test
    void malformed_json_and_missing_fields_should_be_400_not_500() {
        assertThat(admin.post("tasks", "{\"name\": ").status()).isEqualTo(400);
        Api.Reply missing = admin.post("tasks", "{\"name\":\"" + unique("missing") + "\",\"action\":\"log\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getString("field")).isEqualTo("trigger");
        assertThat(admin.get("tasks?state=SLEEPING").status()).isEqualTo(400);
        assertThat(admin.get("tasks?limit=lots").json().getString("field")).isEqualTo("limit");
        String name = unique("paging");
        assertThat(admin.post("tasks", taskJson(name, "every 1h", "noop")).status()).isEqualTo(201);
        assertThat(admin.get("tasks/" + name + "/executions?offset=-1").json().getString("field"))
                .isEqualTo("offset");
        admin.delete("tasks/" + name);
    }

    @Test
    void duplicate_name_should_be_409() {
        String name = unique("dup");
        assertThat(admin.post("tasks", taskJson(name, "every 1h", "log")).status()).isEqualTo(201);

        Api.Reply duplicate = admin.post("tasks", taskJson(name, "every 2h", "log"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().getString("detail")).contains(name);
    }

    @Test
    void unknown_task_should_be_404_problem() {
        Api.Reply missing = admin.get("tasks/" + unique("nobody"));

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void list_should_page_and_filter_by_prefix() {
        String prefix = unique("page") + ".";
        for (int i = 0; i < 5; i++) {
            assertThat(admin.post("tasks", taskJson(prefix + i, "every 1h", "noop")).status()).isEqualTo(201);
        }

        JsonObject page = admin.get("tasks?prefix=" + prefix + "&offset=2&limit=2").json();

        assertThat(page.getInt("total")).isEqualTo(5);
        assertThat(page.getInt("offset")).isEqualTo(2);
        assertThat(page.getInt("limit")).isEqualTo(2);
        assertThat(page.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(t -> t.getString("name")).containsExactly(prefix + 2, prefix + 3);
        assertThat(page.getJsonArray("items").getValuesAs(JsonObject.class))
                .as("no last status before a first run").allMatch(t -> !t.containsKey("lastStatus")
                        || t.isNull("lastStatus"));
        JsonObject reversed = admin.get("tasks?prefix=" + prefix + "&limit=2&sort=-name").json();
        assertThat(reversed.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(t -> t.getString("name")).containsExactly(prefix + 4, prefix + 3);
        Api.Reply badSort = admin.get("tasks?sort=colour");
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.json().getString("field")).isEqualTo("sort");
    }

    @Test
    void list_should_filter_and_sort_by_last_status() {
        String prefix = unique("last") + ".";
        assertThat(admin.post("tasks", taskJson(prefix + "ok", "in 1s", "noop")).status()).isEqualTo(201);
        assertThat(admin.post("tasks", "{\"name\":\"" + prefix + "failing\",\"trigger\":\"in 1s\",\"action\":\"sleep\","
                + "\"args\":{\"ms\":-1}}").status()).isEqualTo(201);
        assertThat(admin.post("tasks", taskJson(prefix + "waiting", "every 1h", "noop")).status()).isEqualTo(201);
        Poll.until(Duration.ofSeconds(30), () -> admin.get("tasks?prefix=" + prefix + "&lastStatus=SUCCEEDED").json()
                .getInt("total") + admin.get("tasks?prefix=" + prefix + "&lastStatus=FAILED").json().getInt("total"),
                ended -> ended == 2, "both one-off tasks of " + prefix + " to end a run");

        assertThat(admin.get("tasks?prefix=" + prefix + "&lastStatus=FAILED").json().getJsonArray("items")
                .getValuesAs(JsonObject.class)).extracting(t -> t.getString("name")).containsExactly(prefix + "failing");
        assertThat(admin.get("tasks?prefix=" + prefix + "&sort=-lastStatus").json().getJsonArray("items")
                .getValuesAs(JsonObject.class)).extracting(t -> t.getString("name"))
                .as("SUCCEEDED, FAILED, then the task that never ran").containsExactly(prefix + "ok",
                        prefix + "failing", prefix + "waiting");
        for (String bad : List.of("RUNNING", "colour")) {
            Api.Reply refused = admin.get("tasks?lastStatus=" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().getString("field")).isEqualTo("lastStatus");
        }
        for (String name : List.of("ok", "failing", "waiting")) {
            admin.delete("tasks/" + prefix + name);
        }
    }

    @Test
    void nodes_should_show_each_nodes_clock_offset_and_workers() {
        String self = admin.anonymous().get("health").json().getString("node");

        JsonObject node = Poll.until(Duration.ofSeconds(30), () -> admin.get("nodes").array()
                        .getValuesAs(JsonObject.class).stream().filter(n -> n.getString("id").equals(self))
                        .findFirst().orElseThrow(),
                n -> n.containsKey("workers"), "node " + self + " to report its workers");

        assertThat(node.getInt("workers")).isPositive();
        assertThat(node.getInt("busyWorkers")).isBetween(0, node.getInt("workers"));
        assertThat(node.getJsonNumber("clockOffsetMs").doubleValue()).as("a clock on the same machine")
                .isBetween(-5_000.0, 5_000.0);
    }

    @Test
    void steering_should_pause_resume_run_update_and_delete() {
        String name = unique("steer");
        admin.post("tasks", taskJson(name, "every 1h", "noop"));

        assertThat(admin.post("tasks/" + name + "/pause", "").json().getString("state")).isEqualTo("PAUSED");
        assertThat(admin.post("tasks/" + name + "/resume", "").json().getString("state")).isEqualTo("ACTIVE");
        Api.Reply run = admin.post("tasks/" + name + "/run", "");
        assertThat(run.status()).isEqualTo(202);
        long id = run.json().getJsonNumber("executionId").longValue();
        JsonObject execution = Poll.until(Duration.ofSeconds(20), () -> admin.get("executions/" + id).json(),
                e -> e.getString("status").equals("SUCCEEDED"), "manual run " + id);
        assertThat(execution.getString("kind")).isEqualTo("MANUAL");
        assertThat(admin.get("tasks/" + name).json().getString("lastStatus")).isEqualTo("SUCCEEDED");
        assertThat(admin.get("tasks?prefix=" + name).json().getJsonArray("items").getJsonObject(0)
                .getString("lastStatus")).isEqualTo("SUCCEEDED");
        Api.Reply updated = admin.put("tasks/" + name, "{\"trigger\":\"every 2h\",\"action\":\"log\"}");
        assertThat(updated.json().getString("trigger")).isEqualTo("every 2h");
        assertThat(updated.json().getString("lastStatus")).isEqualTo("SUCCEEDED");
        assertThat(admin.delete("tasks/" + name).status()).isEqualTo(204);
        assertThat(admin.get("tasks/" + name).status()).isEqualTo(404);
    }

    @Test
    void actions_should_be_listed_with_their_nodes_and_run_with_their_own_arguments() {
        JsonObject noop = Poll.until(Duration.ofSeconds(20), () -> admin.get("actions").array()
                        .getValuesAs(JsonObject.class).stream().filter(a -> a.getString("name").equals("noop"))
                        .findFirst().orElse(null), a -> a != null, "noop in the cluster's actions");
        assertThat(noop.getJsonArray("nodes")).isNotEmpty();

        Api.Reply run = admin.post("actions/log/runs", "{\"to\":\"ops\"}");
        assertThat(run.status()).as(run.toString()).isEqualTo(202);
        long id = run.json().getJsonNumber("executionId").longValue();
        JsonObject execution = Poll.until(Duration.ofSeconds(20), () -> admin.get("executions/" + id).json(),
                e -> e.getString("status").equals("SUCCEEDED"), "ad-hoc run " + id);
        String once = execution.getString("task");
        assertThat(once).startsWith("log.once-");
        JsonObject task = admin.get("tasks/" + once).json();
        assertThat(task.getString("state")).isEqualTo("DONE");
        assertThat(task.getJsonObject("args").getString("to")).isEqualTo("ops");

        Api.Reply unknown = admin.post("actions/" + unique("nope") + "/runs", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("field")).isEqualTo("action");

        String name = unique("override");
        assertThat(admin.post("tasks", taskJson(name, "every 1h", "log")).status()).isEqualTo(201);
        Api.Reply overridden = admin.post("tasks/" + name + "/run", "{\"to\":\"night shift\"}");
        assertThat(overridden.status()).isEqualTo(202);
        long runId = overridden.json().getJsonNumber("executionId").longValue();
        JsonObject ran = Poll.until(Duration.ofSeconds(20), () -> admin.get("executions/" + runId).json(),
                e -> e.getString("status").equals("SUCCEEDED"), "run with arguments " + runId);
        assertThat(ran.getString("task")).startsWith(name + ".once-");
        assertThat(admin.get("tasks/" + ran.getString("task")).json().getJsonObject("args").getString("to"))
                .isEqualTo("night shift");
        Api.Reply bad = admin.post("tasks/" + name + "/run", "{not json");
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void cancelled_task_should_refuse_pause_resume_and_run_with_409_problems() {
        String name = unique("cancelled");
        assertThat(admin.post("tasks", taskJson(name, "every 1h", "noop")).status()).isEqualTo(201);
        assertThat(admin.post("tasks/" + name + "/cancel", "").json().getString("state")).isEqualTo("CANCELLED");

        for (String command : List.of("pause", "resume", "run")) {
            Api.Reply refused = admin.post("tasks/" + name + "/" + command, "");
            assertThat(refused.status()).as(command + ": " + refused).isEqualTo(409);
            assertThat(refused.json().getString("detail")).as(command).contains("CANCELLED");
        }
        assertThat(admin.post("tasks/" + name + "/cancel", "").json().getString("state")).isEqualTo("CANCELLED");
        admin.delete("tasks/" + name);
    }

    @Test
    void users_should_refuse_a_bad_role_a_short_password_and_a_taken_name() {
        String name = "user-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply role = admin.post("users", "{\"username\":\"" + name + "\",\"password\":\"long-enough\","
                + "\"role\":\"boss\"}");
        Api.Reply password = admin.post("users", "{\"username\":\"" + name + "\",\"password\":\"short\","
                + "\"role\":\"clockwork-viewer\"}");
        assertThat(admin.post("users", "{\"username\":\"" + name + "\",\"password\":\"long-enough\","
                + "\"role\":\"clockwork-viewer\"}").status()).isEqualTo(201);
        Api.Reply taken = admin.post("users", "{\"username\":\"" + name + "\",\"password\":\"long-enough\","
                + "\"role\":\"clockwork-viewer\"}");

        assertThat(role.status()).isEqualTo(400);
        assertThat(role.json().getString("field")).isEqualTo("role");
        assertThat(password.status()).isEqualTo(400);
        assertThat(password.json().getString("field")).isEqualTo("password");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().getString("field")).isEqualTo("username");
    }

    /** Prints the lateness (started minus fire time) of 20 one-second tasks; asserts only that all ran. */
    @Test
    void twenty_one_second_tasks_should_all_run_and_report_lateness() {
        String prefix = unique("late") + ".";
        for (int i = 0; i < 20; i++) {
            assertThat(admin.post("tasks", taskJson(prefix + i, "in 1s", "noop")).status()).isEqualTo(201);
        }
        List<Long> lateness = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String path = "tasks/" + prefix + i + "/executions";
            JsonObject run = Poll.until(Duration.ofSeconds(30), () -> admin.get(path).json(),
                    page -> page.getJsonArray("items").size() == 1 && page.getJsonArray("items").getJsonObject(0)
                            .getString("status").equals("SUCCEEDED"), path).getJsonArray("items").getJsonObject(0);
            lateness.add(Duration.between(Instant.parse(run.getString("fireTime")),
                    Instant.parse(run.getString("startedAt"))).toMillis());
        }
        Collections.sort(lateness);
        System.out.printf("LATENESS of 20 'in 1s' tasks: median %d ms, max %d ms, all %s%n",
                lateness.get(10), lateness.get(19), lateness);
        assertThat(lateness).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(0));
    }

    @Test
    void trigger_preview_should_show_canonical_text_description_and_fires_in_the_zone_to_a_viewer() {
        String viewer = "preview-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("users", "{\"username\":\"" + viewer + "\",\"password\":\"viewer-password\","
                + "\"role\":\"clockwork-viewer\"}").status()).isEqualTo(201);

        Api.Reply preview = admin.as(viewer, "viewer-password").get("triggers/preview?trigger=CRON%200%2030%202%20*%20*%20*"
                + "&zone=Europe/Paris&count=3&from=2026-03-27T12:00:00Z");

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().getString("trigger")).isEqualTo("cron 30 2 * * *");
        assertThat(preview.json().getString("description")).isNotBlank();
        assertThat(preview.json().getString("zone")).isEqualTo("Europe/Paris");
        assertThat(preview.json().getJsonArray("next").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z");
        Api.Reply defaults = admin.get("triggers/preview?trigger=every%201h");
        assertThat(defaults.json().getString("zone")).isEqualTo("UTC");
        assertThat(defaults.json().getJsonArray("next")).hasSize(5);
    }

    @Test
    void trigger_preview_should_be_400_problem_naming_the_field_for_bad_input() {
        Api.Reply cron = admin.get("triggers/preview?trigger=cron%200%200%2025%20*%20*%20*");
        assertThat(cron.status()).isEqualTo(400);
        assertThat(cron.contentType()).startsWith("application/problem+json");
        assertThat(cron.json().getString("field")).isEqualTo("trigger");
        assertThat(cron.json().getString("detail")).contains("hour", "25", "column");
        for (String[] bad : new String[][] {{"trigger=every%201h&zone=Mars/Olympus", "zone"},
                {"trigger=every%201h&count=0", "count"}, {"trigger=every%201h&count=101", "count"},
                {"trigger=every%201h&count=five", "count"}, {"trigger=every%201h&from=yesterday", "from"},
                {"zone=UTC", "trigger"}}) {
            Api.Reply reply = admin.get("triggers/preview?" + bad[0]);
            assertThat(reply.status()).as(bad[0] + ": " + reply).isEqualTo(400);
            assertThat(reply.json().getString("field")).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(admin.anonymous().get("triggers/preview?trigger=every%201h").status()).isEqualTo(401);
    }

    private static String taskJson(String name, String trigger, String action) {
        return "{\"name\":\"" + name + "\",\"trigger\":\"" + trigger + "\",\"action\":\"" + action + "\"}";
    }

    private static String unique(String prefix) {
        return "rest." + prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void metrics_should_count_runs_of_a_known_action_and_pass_promtool() throws Exception {
        String noopSucceeded = "clockwork_executions_total{action=\"noop\",status=\"SUCCEEDED\"}";
        double before = scrape().value(noopSucceeded).orElseThrow();
        String name = unique("metrics");
        assertThat(admin.post("tasks", taskJson(name, "every 1s", "noop")).status()).isEqualTo(201);

        Poll.until(Duration.ofSeconds(30), () -> scrape().value(noopSucceeded).orElseThrow(),
                count -> count >= before + 3, "three runs of noop counted in " + noopSucceeded);
        admin.delete("tasks/" + name);
        Api.Reply reply = admin.get("metrics");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.contentType().toLowerCase(Locale.ROOT).split(" *; *"))
                .containsExactlyInAnyOrder("text/plain", "version=0.0.4", "charset=utf-8");
        Promtool.assertAccepts(reply.body());
        Exposition metrics = Exposition.parse(reply.body());
        assertThat(metrics.value("clockwork_execution_duration_seconds_count{action=\"noop\"}").orElseThrow())
                .isGreaterThanOrEqualTo(3);
        assertThat(metrics.value("clockwork_fire_lateness_seconds_count").orElseThrow()).isGreaterThanOrEqualTo(3);
        assertThat(metrics.value("clockwork_claim_duration_seconds_count").orElseThrow()).isGreaterThanOrEqualTo(3);
        assertThat(metrics.value("clockwork_scheduling_lag_seconds").orElseThrow()).isBetween(0.0, 5.0);
        assertThat(metrics.value("clockwork_workers").orElseThrow()).isEqualTo(16);
        assertThat(metrics.value("clockwork_workers_busy").orElseThrow()).isBetween(0.0, 16.0);
        assertThat(metrics.value("clockwork_queue_size").orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(metrics.value("clockwork_outcomes_unrecorded").orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(metrics.value("clockwork_nodes{state=\"LIVE\"}").orElseThrow()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("clockwork_clock_offset_seconds").orElseThrow()).isBetween(-1.0, 1.0);
        assertThat(metrics.value("clockwork_executions_total{action=\"other\",status=\"ACTION_NOT_FOUND\"}"))
                .as("undeployed actions share one label value").isPresent();
        assertThat(List.of("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "system_cpus", "process_cpu_usage")).allMatch(metrics::has);
    }

    @Test
    void metrics_should_need_a_user_unless_made_public() {
        assertThat(admin.anonymous().get("metrics").status()).isEqualTo(401);
        assertThat(admin.as("admin", "not-the-password").get("metrics").status()).isEqualTo(401);
        String viewer = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("users", "{\"username\":\"" + viewer + "\",\"password\":\"viewer-password\","
                + "\"role\":\"clockwork-viewer\"}").status()).isEqualTo(201);

        Api.Reply asViewer = admin.as(viewer, "viewer-password").get("metrics");

        assertThat(asViewer.status()).as(asViewer.toString()).isEqualTo(200);
        assertThat(asViewer.body()).contains("clockwork_workers ");
    }

    @Test
    void liveness_and_readiness_should_be_up_and_open_whatever_credentials_come() {
        for (Api caller : List.of(admin.anonymous(), admin.as("admin", "not-the-password"), admin)) {
            Api.Reply live = caller.get("health/live");
            Api.Reply ready = caller.get("health/ready");

            assertThat(live.status()).as(live.toString()).isEqualTo(200);
            assertThat(live.contentType()).startsWith("application/json");
            assertThat(live.json().getString("status")).isEqualTo("UP");
            assertThat(live.json().getJsonArray("checks").getValuesAs(JsonObject.class))
                    .extracting(c -> c.getString("name")).containsExactly("dispatcher-thread", "worker-threads");
            assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
            assertThat(ready.json().getString("status")).isEqualTo("UP");
            assertThat(ready.json().getJsonArray("checks").getValuesAs(JsonObject.class))
                    .allMatch(c -> c.getString("status").equals("UP") && !c.getString("detail").isBlank())
                    .extracting(c -> c.getString("name")).containsExactly("database", "schema", "dispatcher", "clock");
        }
    }

    @Test
    void openapi_document_should_be_open_as_json_and_yaml_with_its_ui() throws Exception {
        for (Api caller : List.of(admin.anonymous(), admin.as("admin", "not-the-password"))) {
            Api.Reply json = caller.get("openapi.json");
            Api.Reply yaml = caller.get("openapi.yaml");

            assertThat(json.status()).as(json.toString()).isEqualTo(200);
            assertThat(json.contentType()).startsWith("application/json");
            assertThat(json.json().getString("openapi")).isEqualTo("3.1.0");
            assertThat(json.json().getJsonObject("paths").keySet()).contains("/tasks", "/tasks/{name}/run",
                    "/executions/{id}", "/users", "/metrics");
            assertThat(yaml.status()).as(yaml.toString()).isEqualTo(200);
            assertThat(yaml.contentType()).startsWith("application/yaml");
            assertThat(yaml.body()).startsWith("openapi: 3.1.0").contains("/tasks/{name}/run:");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(root().resolve("api-docs"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher bundle = Pattern.compile("src=\"\\.\\./(webjars/swagger-ui/[^\"]+/swagger-ui-bundle\\.js)\"")
                .matcher(page.body());
        assertThat(bundle.find()).as(page.body()).isTrue();
        for (String file : List.of(bundle.group(1), "api-docs/start.js")) {
            HttpResponse<String> served = http.send(HttpRequest.newBuilder(root().resolve(file))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).as(file).isEqualTo(200);
        }
    }

    /**
     * Calls every operation of the document with no credentials and as a user one role short of the role the
     * document names: the server must refuse both (401, 403), so the document's roles are the ones it enforces. As
     * the admin, who holds every role, the same calls get past security to the resource (on a task and an
     * execution that do not exist: 404, or 400 for the empty bodies).
     */
    @Test
    void every_operation_should_need_the_role_the_document_names() {
        Map<String, Api> below = Map.of(
                "clockwork-operator", user("clockwork-viewer"),
                "clockwork-admin", user("clockwork-operator"));
        JsonObject paths = admin.anonymous().get("openapi.json").json().getJsonObject("paths");
        int checked = 0;
        for (String path : paths.keySet()) {
            String concrete = path.substring(1).replace("{name}", unique("roles")).replace("{id}", "0")
                    .replace("{username}", unique("nobody")).replace("{action}", unique("nope"));
            for (Map.Entry<String, JsonValue> operation : paths.getJsonObject(path).entrySet()) {
                if (operation.getKey().equals("parameters")) {
                    continue;
                }
                String method = operation.getKey();
                String role = operation.getValue().asJsonObject().getString("x-clockwork-role", null);
                int anonymous = call(admin.anonymous(), method, concrete).status();
                if (role == null) {
                    assertThat(anonymous).as(method + " " + path + " is open").isEqualTo(200);
                    continue;
                }
                assertThat(anonymous).as(method + " " + path + " anonymously").isEqualTo(401);
                if (below.containsKey(role)) {
                    assertThat(call(below.get(role), method, concrete).status())
                            .as(method + " " + path + " below " + role).isEqualTo(403);
                }
                assertThat(call(admin, method, concrete).status()).as(method + " " + path + " as admin")
                        .isIn(200, 400, 404);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(14);
    }

    private Api user(String role) {
        String name = "role-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("users", "{\"username\":\"" + name + "\",\"password\":\"role-password\","
                + "\"role\":\"" + role + "\"}").status()).isEqualTo(201);
        return admin.as(name, "role-password");
    }

    private static Api.Reply call(Api api, String method, String path) {
        return switch (method) {
            case "get" -> api.get(path);
            case "post" -> api.post(path, "{}");
            case "put" -> api.put(path, "{}");
            case "delete" -> api.delete(path);
            default -> throw new AssertionError("The test does not call " + method);
        };
    }

    private Exposition scrape() {
        Api.Reply reply = admin.get("metrics");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return Exposition.parse(reply.body());
    }

    /**
     * What the server itself adds, as server-config/ sets it up (Payara Micro's pre-boot file, WildFly's CLI script,
     * the Payara Server deployment script): no Server or X-Powered-By banner, and TRACE refused, never echoed.
     */
    @Test
    void responses_should_name_no_server_and_trace_should_be_refused() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : List.of("api/health", "api/tasks", "login.xhtml", "api/nothing-here", "")) {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(root().resolve(path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(reply.headers().firstValue("Server")).as(path).isEmpty();
            assertThat(reply.headers().firstValue("X-Powered-By")).as(path).isEmpty();
        }
        for (String path : List.of("api/health", "api/tasks", "login.xhtml", "")) {
            HttpResponse<String> trace = http.send(HttpRequest.newBuilder(root().resolve(path))
                    .timeout(Duration.ofSeconds(30)).header("X-Echo-Probe", "echoed-back")
                    .method("TRACE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(trace.statusCode()).as("TRACE " + path).isIn(403, 405);
            assertThat(trace.body()).as("TRACE " + path).doesNotContain("echoed-back");
            assertThat(trace.headers().firstValue("Server")).as("TRACE " + path).isEmpty();
        }
    }
}
