package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.actions.CeleryWorker;
import dev.clockwork.actions.QueueActionsForTests;
import dev.clockwork.actions.QueueActionsForTests.TestQueue;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.engine.rules.AmqpConfig;
import dev.clockwork.it.Poll;
import dev.clockwork.store.ExecutionRow;
import dev.clockwork.store.TaskRow;
import dev.clockwork.store.jpa.Dialect;
import dev.clockwork.store.jpa.StoreFixture;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The celery action, run by the engine ({@link ManualEngine}: the fire times come from its settable clock, the
 * publishes and the worker are real), against a real Celery worker from Debian's {@code python3-celery} on the
 * machine's RabbitMQ ({@link CeleryWorker}). No Clockwork server is needed: each test has its own queue and worker.
 */
class CeleryWorkerIT {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");

    private final String queue = "cw-test-celery-" + UUID.randomUUID().toString().substring(0, 8);
    private final StoreFixture fixture = new StoreFixture(Dialect.H2,
            "jdbc:h2:mem:celery-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
    private final ManualEngine engine = new ManualEngine(fixture, NINE);
    private TestQueue rabbit;
    private CeleryWorker worker;

    @BeforeEach
    void start() throws Exception {
        rabbit = TestQueue.open(queue);
        CeleryWorker.assumeCelery();
        engine.action("celery", QueueActionsForTests.celery(rabbit.broker(AmqpConfig.from(Map.of(
                AmqpConfig.URI_KEY, QueueActionsForTests.URI, AmqpConfig.ALLOW_KEY, queue)::get), Clock.systemUTC())));
        worker = CeleryWorker.forQueue(queue);
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.stop();
        }
        if (rabbit != null) {
            rabbit.close();
        }
        fixture.close();
    }

    @Test
    void a_task_every_2s_should_reach_the_worker_once_per_fire_with_its_args_and_kwargs() throws Exception {
        worker.start(rabbit.connection);
        TaskRow task = insert("celery.add", "{\"task\": \"cwtasks.add\", \"args\": [2, 3], \"kwargs\": {\"note\":"
                + " \"from clockwork\"}, \"queue\": \"" + queue + "\", \"expires\": \"10m\"}");

        for (int fire = 0; fire < 4; fire++) {
            engine.setTime(NINE.plusSeconds(2L * fire));
            assertThat(engine.runDue()).hasSize(1);
        }

        List<String> keys = List.of(0, 2, 4, 6).stream().map(s -> "celery.add@" + NINE.plusSeconds(s)).toList();
        List<JsonObject> calls = Poll.until(Duration.ofSeconds(30), worker::calls, found -> found.size() >= 4,
                "4 calls of cwtasks.add in " + worker.log());
        assertThat(calls).extracting(call -> call.getString("id")).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.getJsonArray("args")).hasToString("[2,3]");
            assertThat(call.getJsonObject("kwargs")).hasToString("{\"note\":\"from clockwork\"}");
        });
        List<ExecutionRow> runs = executions(task);
        assertThat(runs).extracting(ExecutionRow::status).containsOnly(ExecutionStatus.SUCCEEDED).hasSize(4);
        assertThat(runs).extracting(run -> run.result().orElseThrow())
                .containsExactlyElementsOf(keys.stream().map(k -> "{\"celeryTaskId\":\"" + k + "\"}").toList());
        assertThat(rabbit.channel.queueDeclarePassive(queue).getMessageCount())
                .as("nothing left in the queue").isZero();
        assertThat(worker.calls()).as("no fire ran twice").hasSize(4);
    }

    @Test
    void await_should_record_the_returned_value_and_a_failure_with_its_traceback() throws Exception {
        worker.start(rabbit.connection);
        TaskRow add = insert("celery.await.add", "{\"task\": \"cwtasks.add\", \"args\": [20, 22], \"queue\": \""
                + queue + "\", \"await\": \"30s\"}");
        TaskRow boom = insert("celery.await.boom", "{\"task\": \"cwtasks.boom\", \"queue\": \"" + queue + "\","
                + " \"await\": \"30s\"}");

        engine.runDue();

        ExecutionRow value = executions(add).get(0);
        assertThat(value.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(value.result()).contains("42");
        ExecutionRow failure = executions(boom).get(0);
        assertThat(failure.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failure.error()).hasValueSatisfying(error -> assertThat(error)
                .contains("Celery task cwtasks.boom (celery.await.boom@" + NINE + ") ended FAILURE:"
                        + " ValueError: boom from the worker")
                .contains("Traceback (most recent call last)").contains("raise ValueError"));
        assertThat(failure.stackTrace()).hasValueSatisfying(trace -> assertThat(trace)
                .startsWith("Traceback (most recent call last)").contains("cwtasks.py"));
    }

    @Test
    void a_stopped_worker_should_time_out_await_runs_and_run_what_was_published_meanwhile_when_back()
            throws Exception {
        TaskRow awaited = insert("celery.down.await", "{\"task\": \"cwtasks.add\", \"args\": [1, 1], \"queue\": \""
                + queue + "\", \"await\": \"1s\"}");
        TaskRow sent = insert("celery.down.sent", "{\"task\": \"cwtasks.add\", \"args\": [2, 2], \"queue\": \""
                + queue + "\"}");

        engine.runDue();

        ExecutionRow timedOut = executions(awaited).get(0);
        assertThat(timedOut.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(timedOut.error()).hasValueSatisfying(error -> assertThat(error)
                .contains("No outcome of Celery task cwtasks.add (celery.down.await@" + NINE + ") within its await"
                        + " of 1s").contains("is a worker consuming queue \"" + queue + "\""));
        assertThat(executions(sent).get(0).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(rabbit.channel.queueDeclarePassive(queue).getMessageCount())
                .as("both messages wait in the durable queue").isEqualTo(2);

        worker.start(rabbit.connection);

        List<JsonObject> calls = Poll.until(Duration.ofSeconds(30), worker::calls, found -> found.size() >= 2,
                "the 2 messages published while no worker ran, in " + worker.log());
        assertThat(calls).extracting(call -> call.getString("id")).containsExactlyInAnyOrder(
                "celery.down.await@" + NINE, "celery.down.sent@" + NINE);
    }

    private TaskRow insert(String name, String args) {
        return fixture.inTransaction(s -> s.tasks().insert(TaskRow.builder(name).trigger("every 2s").zone("UTC")
                .action("celery").args(Optional.of(args)).anchorAt(NINE).nextFireAt(Optional.of(NINE))
                .created(NINE.minus(Duration.ofDays(1)), "test").build())).orElseThrow();
    }

    private List<ExecutionRow> executions(TaskRow task) {
        return fixture.inTransaction(s -> s.tasks().executions(task.id(), 0, 100)).items().stream()
                .sorted(Comparator.comparing(ExecutionRow::fireTime)).toList();
    }
}
