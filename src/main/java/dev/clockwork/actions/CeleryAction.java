package dev.clockwork.actions;

import com.rabbitmq.client.AMQP;
import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.RunTimedOutException;
import dev.clockwork.api.TaskAction;
import dev.clockwork.engine.Jsonp;
import dev.clockwork.engine.QueueArgs;
import dev.clockwork.engine.rules.AmqpConfig;
import dev.clockwork.engine.rules.CeleryCall;
import dev.clockwork.trigger.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a task to Celery workers: {@code {"task": "billing.tasks.invoice", "args": [30], "kwargs": {"dry": false},
 * "queue": "celery", "expires": "10m", "await": "2m"}}, as one Celery protocol-2 message (JSON) on the queue, which
 * the run declares durable first, as Celery does. The Celery task id is the fire's idempotency key, so every attempt
 * of one fire sends the same id and a worker can drop a repeat. Without {@code await} the run succeeds once the broker
 * confirms the message, with {@code {"celeryTaskId": ...}} as its result; with it the run waits that long for the
 * outcome over Celery's {@code rpc://} result backend: the returned value (JSON) is the result, a failure fails the
 * run with the exception and the Python traceback, and no outcome in time ends it TIMED_OUT.
 */
@ApplicationScoped
@Action(value = QueueArgs.CELERY, description = "Sends a Celery task (protocol 2, JSON) to a queue on RabbitMQ"
        + " (clockwork.amqp.uri); task id = the fire's idempotency key. Args: {\"task\": \"billing.tasks.invoice\","
        + " \"args\": [..], \"kwargs\": {..}, \"queue\": \"celery\", \"expires\": \"10m\", \"await\": \"2m\"}; task"
        + " required; await waits for the outcome (rpc:// backend)")
public class CeleryAction implements TaskAction {

    /** ISO-8601 with a numeric offset, as Python's {@code isoformat()} writes it and Celery reads it. */
    private static final DateTimeFormatter PYTHON_ISO = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
    /** Most characters of the traceback's end quoted in the error (the error column holds 4,000). */
    private static final int TRACEBACK_IN_ERROR = 3000;
    private static final String EMBED = "{\"callbacks\": null, \"errbacks\": null, \"chain\": null, \"chord\": null}";

    @Inject
    AmqpConfig config;
    @Inject
    AmqpBroker broker;

    @Override
    public Object run(ActionContext context) throws Exception {
        CeleryCall call = QueueArgs.celery(Optional.of(context.argsJson()));
        config.requireUsable();
        call.checkAllowed(config);
        String id = context.idempotencyKey();
        broker.declareDurable(call.queue());
        try {
            return send(call, context, id);
        } catch (IllegalStateException e) {
            // The queue may have been deleted since this connection declared it: the next run declares it again.
            broker.forgetDeclared(call.queue());
            throw e;
        }
    }

    private Object send(CeleryCall call, ActionContext context, String id) throws Exception {
        if (call.await().isEmpty()) {
            broker.publishConfirmed("", call.queue(), properties(call, context, id, Optional.empty()), body(call));
            context.report("sent Celery task " + call.task() + " to queue \"" + call.queue() + "\" as " + id
                    + ", confirmed");
            return Jsonp.object().add("celeryTaskId", id).build().toString();
        }
        CeleryReplies replies = broker.replies();
        CompletableFuture<JsonObject> outcome = replies.expect(id);
        try {
            broker.publishConfirmed("", call.queue(), properties(call, context, id, Optional.of(replies.queue())),
                    body(call));
            context.report("sent Celery task " + call.task() + " to queue \"" + call.queue() + "\" as " + id
                    + ", confirmed; awaiting its outcome for " + Durations.format(call.await().get()));
            JsonObject reply = outcome.get(call.await().get().toMillis(), TimeUnit.MILLISECONDS);
            return outcome(call, id, reply, context);
        } catch (TimeoutException e) {
            throw new RunTimedOutException("No outcome of Celery task " + call.task() + " (" + id + ") within its"
                    + " await of " + Durations.format(call.await().get()) + ": is a worker consuming queue \""
                    + call.queue() + "\" with result_backend rpc://? The message stays in the durable queue and runs"
                    + " when a worker takes it.");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            replies.forget(id, outcome);
        }
    }

    private static Object outcome(CeleryCall call, String id, JsonObject reply, ActionContext context)
            throws CeleryTaskFailed {
        String status = reply.getString("status");
        context.report("Celery task " + id + " ended " + status);
        if (status.equals("SUCCESS")) {
            return reply.getOrDefault("result", JsonValue.NULL).toString();
        }
        JsonValue result = reply.getOrDefault("result", JsonValue.NULL);
        String exception = result.getValueType() == JsonValue.ValueType.OBJECT ? exception(result.asJsonObject())
                : result.toString();
        String traceback = reply.get("traceback") instanceof JsonString text ? text.getString() : "";
        String tail = traceback.length() > TRACEBACK_IN_ERROR
                ? "..." + traceback.substring(traceback.length() - TRACEBACK_IN_ERROR) : traceback;
        throw new CeleryTaskFailed("Celery task " + call.task() + " (" + id + ") ended " + status + ": " + exception
                + (tail.isBlank() ? "" : "\n" + tail.strip()), traceback);
    }

    /** {@code {"exc_type": "ValueError", "exc_message": ["bad"]}} as {@code ValueError: bad}. */
    private static String exception(JsonObject result) {
        String type = result.getString("exc_type", "Exception");
        JsonValue message = result.getOrDefault("exc_message", JsonValue.NULL);
        String text = message instanceof JsonArray parts ? String.join(", ", parts.stream()
                .map(part -> part instanceof JsonString s ? s.getString() : part.toString()).toList())
                : message instanceof JsonString s ? s.getString() : message.toString();
        return type + (text.isEmpty() ? "" : ": " + text);
    }

    private AMQP.BasicProperties properties(CeleryCall call, ActionContext context, String id,
                                            Optional<String> replyTo) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("lang", "py");
        headers.put("task", call.task());
        headers.put("id", id);
        headers.put("shadow", null);
        headers.put("eta", null);
        headers.put("expires", call.expires().map(after -> PYTHON_ISO.format(context.fireTime().plus(after)))
                .orElse(null));
        headers.put("group", null);
        headers.put("group_index", null);
        headers.put("retries", 0);
        headers.put("timelimit", Arrays.asList(null, null));
        headers.put("root_id", id);
        headers.put("parent_id", null);
        headers.put("argsrepr", call.argsJson());
        headers.put("kwargsrepr", call.kwargsJson());
        headers.put("origin", "clockwork@" + broker.nodeId());
        headers.put("ignore_result", false);
        AMQP.BasicProperties.Builder builder = new AMQP.BasicProperties.Builder().correlationId(id).messageId(id)
                .contentType("application/json").contentEncoding("utf-8").deliveryMode(2).priority(0)
                .headers(headers);
        replyTo.ifPresent(builder::replyTo);
        return builder.build();
    }

    private static byte[] body(CeleryCall call) {
        return ("[" + call.argsJson() + ", " + call.kwargsJson() + ", " + EMBED + "]")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A Celery task that ended FAILURE or REVOKED; its stack trace is the worker's Python traceback. */
    static final class CeleryTaskFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final String traceback;

        CeleryTaskFailed(String message, String traceback) {
            super(message, null, false, false);
            this.traceback = traceback;
        }

        String traceback() {
            return traceback;
        }

        @Override
        public void printStackTrace(PrintWriter out) {
            out.print(traceback.isEmpty() ? getMessage() : traceback);
        }

        @Override
        public void printStackTrace(PrintStream out) {
            out.print(traceback.isEmpty() ? getMessage() : traceback);
        }
    }
}
