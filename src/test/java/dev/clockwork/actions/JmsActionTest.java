package dev.clockwork.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.BuiltInArgs;
import dev.clockwork.engine.CommitWithOutcome;
import dev.clockwork.engine.JmsProvider;
import dev.clockwork.engine.rules.JmsConfig;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code jms} action: the provider and the allow-list are checked at the run, before anything is sent; a server
 * without a provider fails the run with "no JMS provider on this server" and how to get one; the message carries the
 * body, properties, delivery options and the fire's idempotency key (against a recording stand-in for the provider).
 */
class JmsActionTest {

    private final JmsAction action = new JmsAction();

    JmsActionTest() {
        action.config = JmsConfig.from(Map.of("clockwork.jms.allow", "reports")::get);
        action.provider = new JmsProvider();
        setConfig(action.provider, action.config);
    }

    @Test
    void a_run_on_a_server_without_a_provider_should_fail_saying_so_and_how_to_get_one() {
        assertThatThrownBy(() -> action.run(new TestContext("{\"queue\": \"reports\"}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no JMS provider on this server: connection factory"
                        + " java:comp/DefaultJMSConnectionFactory is not bound")
                .hasMessageContaining("standalone-full.xml").hasMessageContaining("Payara Server Full")
                .hasMessageContaining("clockwork.jms.connection-factory");
    }

    @Test
    void a_run_to_a_destination_the_server_does_not_allow_should_fail_before_anything_is_sent() {
        Recorder recorder = new Recorder();
        action.provider = new JmsProvider() {
            @Override
            public ConnectionFactory connectionFactory() {
                return recorder.factory();
            }
        };

        assertThatThrownBy(() -> action.run(new TestContext("{\"queue\": \"audit\"}")))
                .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.getMessage())
                        .contains("JMS queue audit is not in clockwork.jms.allow (reports)"));
        assertThatThrownBy(() -> action.run(new TestContext("{\"queue\": \"reports\", \"priority\": 12}")))
                .isInstanceOf(SchedulerException.class).hasMessageContaining("priority");
        assertThat(recorder.calls).isEmpty();
    }

    @Test
    void the_message_should_carry_the_body_properties_options_and_idempotency_key() throws Exception {
        Recorder recorder = new Recorder();
        String result = JmsAction.send(recorder.factory(), Optional.empty(), BuiltInArgs.jms(Optional.of(
                "{\"queue\": \"reports\", \"body\": {\"day\": \"monday\"}, \"properties\": {\"region\": \"eu\","
                        + " \"count\": 3}, \"deliveryMode\": \"NON_PERSISTENT\", \"priority\": 7, \"timeToLive\":"
                        + " \"10m\"}")), new JmsAction.Message("t@1970-01-01T00:00:00Z", "t",
                "1970-01-01T00:00:00Z", 2));

        assertThat(recorder.calls).containsExactly("createQueue reports", "setDeliveryMode "
                + DeliveryMode.NON_PERSISTENT, "setPriority 7", "setTimeToLive 600000", "send queue:reports",
                "close");
        assertThat(recorder.message).containsEntry("text", "{\"day\":\"monday\"}")
                .containsEntry("JMSCorrelationID", "t@1970-01-01T00:00:00Z")
                .containsEntry("clockworkIdempotencyKey", "t@1970-01-01T00:00:00Z").containsEntry("clockworkTask", "t")
                .containsEntry("clockworkFireTime", "1970-01-01T00:00:00Z").containsEntry("clockworkAttempt", 2)
                .containsEntry("region", "eu").containsEntry("count", 3L);
        assertThat(result).isEqualTo("{\"queue\":\"reports\",\"messageId\":\"ID:42\","
                + "\"correlationId\":\"t@1970-01-01T00:00:00Z\"}");
    }

    @Test
    void the_action_should_leave_the_send_to_the_outcome_transaction() throws Exception {
        Recorder recorder = new Recorder();
        action.provider = new JmsProvider() {
            @Override
            public ConnectionFactory connectionFactory() {
                return recorder.factory();
            }
        };

        Object result = action.run(new TestContext("{\"queue\": \"reports\"}"));

        assertThat(recorder.calls).isEmpty();
        assertThat(result).isInstanceOf(CommitWithOutcome.class);
        ((CommitWithOutcome) result).step().run();
        assertThat(recorder.calls).contains("send queue:reports");
    }

    private static void setConfig(JmsProvider provider, JmsConfig config) {
        try {
            java.lang.reflect.Field field = JmsProvider.class.getDeclaredField("config");
            field.setAccessible(true);
            field.set(provider, config);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Stand-ins for a provider's factory, context, producer, queue and message that note each call. */
    private static final class Recorder {
        final List<String> calls = new ArrayList<>();
        final Map<String, Object> message = new LinkedHashMap<>();

        ConnectionFactory factory() {
            return proxy(ConnectionFactory.class, (name, args) -> name.equals("createContext") ? context() : null);
        }

        private JMSContext context() {
            return proxy(JMSContext.class, (name, args) -> switch (name) {
                case "createQueue" -> {
                    calls.add("createQueue " + args[0]);
                    yield proxy(Queue.class, (n, a) -> n.equals("toString") ? "queue:" + args[0] : null);
                }
                case "createTextMessage" -> {
                    message.put("text", args[0]);
                    yield textMessage();
                }
                case "createProducer" -> producer();
                case "close" -> {
                    calls.add("close");
                    yield null;
                }
                default -> throw new UnsupportedOperationException(name);
            });
        }

        private JMSProducer producer() {
            JMSProducer[] self = new JMSProducer[1];
            self[0] = proxy(JMSProducer.class, (name, args) -> {
                calls.add(name + " " + (name.equals("send") ? args[0].toString() : args[0]));
                return self[0];
            });
            return self[0];
        }

        private TextMessage textMessage() {
            return proxy(TextMessage.class, (name, args) -> {
                if (name.startsWith("set")) {
                    message.put(args.length == 2 ? (String) args[0] : name.substring(3), args[args.length - 1]);
                    return null;
                }
                if (name.equals("getJMSMessageID")) {
                    return "ID:42";
                }
                throw new UnsupportedOperationException(name);
            });
        }

        private interface Handler {
            Object call(String name, Object[] args) throws Exception;
        }

        private static <T> T proxy(Class<T> type, Handler handler) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> handler.call(method.getName(), args == null ? new Object[0] : args)));
        }
    }
}
