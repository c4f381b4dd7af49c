package dev.clockwork.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.ExecutionInfo;
import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.Scheduler;
import dev.clockwork.api.TaskAction;
import dev.clockwork.engine.ClaimedFire;
import dev.clockwork.engine.CommitWithOutcome;
import dev.clockwork.engine.RecordOutcome;
import dev.clockwork.store.ExecutionOutcome;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code jms} action on the two servers with a broker: WildFly with {@code standalone-full.xml} (embedded ActiveMQ
 * Artemis; failsafe execution {@code wildfly-full}) and Payara Server Full (embedded OpenMQ; execution
 * {@code payara-server}, in the domain that {@link SharedPayaraServer} installed, after {@link PayaraServerIT} has
 * undeployed Clockwork). Every fire of a task reaches a consumer once, with its idempotency key; a physical queue name
 * works as well as a JNDI name; and a send whose outcome transaction rolls back delivers nothing.
 *
 * <p>The queue is {@value #PHYSICAL_QUEUE} on both brokers (OpenMQ allows only letters, digits, {@code _} and
 * {@code $} in a physical name); its JNDI name differs, so each server names it in its system property
 * {@value #QUEUE_PROPERTY}: WildFly's {@code java:/jms/queue/clockwork-it} ({@code src/test/resources/
 * wildfly-full-it.cli} and arquillian.xml), Payara Server's {@code jms/clockwork-it} ({@link SharedPayaraServer}).
 * Each server allows the queue by both names ({@code clockwork.jms.allow}).
 */
@ExtendWith(ArquillianExtension.class)
class JmsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The server's system property naming the test queue's JNDI name. */
    static final String QUEUE_PROPERTY = "clockwork.it.jms.queue";
    static final String PHYSICAL_QUEUE = "clockwork_it";

    @Inject
    Scheduler scheduler;
    @Inject
    RecordOutcome outcomes;
    @Inject
    @Action("jms")
    TaskAction jms;
    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory factory;

    @Deployment
    static WebArchive deployment() {
        return TestDeployments.withOpenTestRunner(TestDeployments.builtWar())
                .addClasses(JmsIT.class, Poll.class, TestDeployments.class);
    }

    @Test
    void every_fire_should_reach_the_consumer_once_with_its_idempotency_key() {
        String run = UUID.randomUUID().toString();
        String name = "jms-it-" + run;
        String jndiName = queueJndiName();
        Queue queue = lookUp(jndiName);
        try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = context.createConsumer(queue, "run = '" + run + "'")) {
            scheduler.schedule(name, "every 1s", "jms", "{\"destination\": \"" + jndiName + "\", \"body\": {\"run\": \""
                    + run + "\"}, \"properties\": {\"run\": \"" + run + "\"}}");
            Poll.until(TIMEOUT, () -> succeeded(name).size(), n -> n >= 4, "4 jms runs of " + name);
            scheduler.pause(name);
            List<ExecutionInfo> executions = Poll.until(TIMEOUT, () -> scheduler.executions(name, 0, 100).items(),
                    list -> list.stream().allMatch(e -> e.status().isFinal()), "the runs of " + name + " to end");

            List<Message> received = receiveAll(consumer);

            assertTrue(executions.stream().allMatch(e -> e.status() == ExecutionStatus.SUCCEEDED),
                    () -> "every run succeeded: " + executions);
            Set<String> keys = executions.stream().map(e -> e.taskName() + "@" + e.fireTime())
                    .collect(Collectors.toCollection(TreeSet::new));
            List<String> correlations = received.stream().map(JmsIT::correlationId).toList();
            assertEquals(executions.size(), received.size(), () -> "one message per run; runs " + keys
                    + ", messages " + correlations);
            assertEquals(keys, new TreeSet<>(correlations));
            for (Message message : received) {
                assertEquals(correlationId(message), property(message, "clockworkIdempotencyKey"));
                assertEquals(name, property(message, "clockworkTask"));
                assertEquals("{\"run\":\"" + run + "\"}", text(message));
            }
            String messageIds = received.stream().map(JmsIT::messageId).collect(Collectors.joining(","));
            executions.forEach(e -> assertTrue(e.result().orElseThrow().contains("\"messageId\":\""),
                    () -> "the result names the message: " + e.result()));
            executions.forEach(e -> assertTrue(messageIds.contains(e.result().orElseThrow()
                    .replaceAll(".*\"messageId\":\"([^\"]+)\".*", "$1")), () -> e.result() + " in " + messageIds));
        } finally {
            scheduler.delete(name);
        }
    }

    @Test
    void a_queue_named_by_its_physical_name_should_get_the_message_with_the_options_given() {
        String run = UUID.randomUUID().toString();
        try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = context.createConsumer(context.createQueue(PHYSICAL_QUEUE),
                     "run = '" + run + "'")) {
            long id = scheduler.enqueue("jms", "{\"queue\": \"" + PHYSICAL_QUEUE + "\", \"body\": \"" + run
                    + "\", \"priority\": 7, \"properties\": {\"attemptCount\": 3, \"run\": \"" + run + "\"}}");
            ExecutionInfo execution = Poll.until(TIMEOUT, () -> scheduler.execution(id).orElseThrow(),
                    e -> e.status().isFinal(), "the jms run " + id);
            assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), () -> execution.error().orElse(""));

            Message message = consumer.receive(TIMEOUT.toMillis());

            assertEquals(run, text(message));
            assertEquals(7, priority(message));
            assertEquals(3L, longProperty(message, "attemptCount"));
            assertEquals(1L, longProperty(message, "clockworkAttempt"));
            assertNull(consumer.receive(1000), "one message");
        }
    }

    @Test
    void a_send_whose_outcome_transaction_rolls_back_should_deliver_nothing() throws Exception {
        String run = UUID.randomUUID().toString();
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        // An execution that is not running (no such id): recording its outcome fails after the send.
        ClaimedFire fire = new ClaimedFire(-1, -1, "jms-it-rollback", "jms", Optional.empty(), now, 1,
                ExecutionKind.MANUAL, 0, Optional.of(now), false, Optional.empty());
        ExecutionOutcome outcome = new ExecutionOutcome(-1, -1, ExecutionKind.MANUAL, false,
                ExecutionStatus.SUCCEEDED, now, now, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        String jndiName = queueJndiName();
        Queue queue = lookUp(jndiName);
        try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = context.createConsumer(queue, "run = '" + run + "'")) {
            CommitWithOutcome send = (CommitWithOutcome) jms.run(new Context("{\"destination\": \"" + jndiName
                    + "\", \"properties\": {\"run\": \"" + run + "\"}}"));

            IllegalStateException failed = assertThrows(IllegalStateException.class,
                    () -> outcomes.finishWith(new RecordOutcome.Finished(fire, outcome), send));

            assertTrue(failed.getMessage().contains("no longer running"), failed::getMessage);
            // What a committed send would deliver within milliseconds must not come at all.
            assertNull(consumer.receive(3000), "the rolled-back send delivered a message");
        }
    }

    /** The test queue's JNDI name on this server; a server without it fails the test rather than skip it. */
    private static String queueJndiName() {
        String name = System.getProperty(QUEUE_PROPERTY);
        assertNotNull(name, () -> "No system property " + QUEUE_PROPERTY + " on this server naming the JNDI name of"
                + " the queue " + PHYSICAL_QUEUE + "; the build sets it on WildFly standalone-full (arquillian.xml)"
                + " and on the Payara Server domain (SharedPayaraServer)");
        return name;
    }

    private static Queue lookUp(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new AssertionError("No queue " + name + " on this server: " + e, e);
        }
    }

    private List<ExecutionInfo> succeeded(String name) {
        return scheduler.executions(name, 0, 100).items().stream()
                .filter(e -> e.status() == ExecutionStatus.SUCCEEDED).toList();
    }

    /** Every message waiting, until none comes for 2 s. */
    private static List<Message> receiveAll(JMSConsumer consumer) {
        List<Message> received = new ArrayList<>();
        for (Message message; (message = consumer.receive(2000)) != null; ) {
            received.add(message);
        }
        return received;
    }

    private static String correlationId(Message message) {
        return call(message::getJMSCorrelationID);
    }

    private static String messageId(Message message) {
        return call(message::getJMSMessageID);
    }

    private static String property(Message message, String name) {
        return call(() -> message.getStringProperty(name));
    }

    private static long longProperty(Message message, String name) {
        return call(() -> message.getLongProperty(name));
    }

    private static int priority(Message message) {
        return call(message::getJMSPriority);
    }

    private static String text(Message message) {
        return call(() -> ((TextMessage) message).getText());
    }

    private interface JmsCall<T> {
        T call() throws jakarta.jms.JMSException;
    }

    private static <T> T call(JmsCall<T> call) {
        try {
            return call.call();
        } catch (jakarta.jms.JMSException e) {
            throw new AssertionError(e);
        }
    }

    /** The context of a run that never was, for calling the action directly. */
    private record Context(String argsJson) implements ActionContext {
        @Override
        public String taskName() {
            return "jms-it-rollback";
        }

        @Override
        public Instant fireTime() {
            return Instant.parse("2030-01-01T00:00:00Z");
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public String idempotencyKey() {
            return "jms-it-rollback@2030-01-01T00:00:00Z";
        }

        @Override
        public <T> T args(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void report(String line) {
        }
    }
}
