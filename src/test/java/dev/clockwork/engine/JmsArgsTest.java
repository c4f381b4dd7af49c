package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.rules.JmsConfig;
import dev.clockwork.engine.rules.JmsSend;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code jms} action's arguments, read the same way when a task is saved and when it runs: one destination, a
 * body, properties and delivery options, each error naming its field; and the server's allow-list.
 */
class JmsArgsTest {

    @Test
    void arguments_should_be_read_with_their_defaults() {
        JmsSend send = BuiltInArgs.jms(Optional.of("{\"queue\": \"reports\"}"));

        assertThat(send.target()).isEqualTo(new JmsSend.Target(JmsSend.Kind.QUEUE, "reports"));
        assertThat(send.body()).isEmpty();
        assertThat(send.properties()).isEmpty();
        assertThat(send.delivery()).isEqualTo(JmsSend.Delivery.PERSISTENT);
        assertThat(send.priority()).isEqualTo(4);
        assertThat(send.timeToLive()).isZero();
    }

    @Test
    void every_argument_should_be_read() {
        JmsSend send = BuiltInArgs.jms(Optional.of("{\"destination\": \"java:/jms/queue/reports\", \"body\": {\"day\":"
                + " \"monday\"}, \"properties\": {\"region\": \"eu\", \"count\": 3, \"ratio\": 0.5, \"urgent\": true},"
                + " \"deliveryMode\": \"non_persistent\", \"priority\": 9, \"timeToLive\": \"10m\"}"));

        assertThat(send.target()).isEqualTo(new JmsSend.Target(JmsSend.Kind.DESTINATION, "java:/jms/queue/reports"));
        assertThat(send.body()).contains("{\"day\":\"monday\"}");
        assertThat(send.properties()).isEqualTo(Map.of("region", "eu", "count", 3L, "ratio", 0.5, "urgent", true));
        assertThat(send.delivery()).isEqualTo(JmsSend.Delivery.NON_PERSISTENT);
        assertThat(send.priority()).isEqualTo(9);
        assertThat(send.timeToLive()).isEqualTo(Duration.ofMinutes(10));
        assertThat(BuiltInArgs.jms(Optional.of("{\"topic\": \"news\", \"body\": \"plain text\"}")).body())
                .contains("plain text");
    }

    @Test
    void bad_arguments_should_be_refused_naming_the_field_and_a_valid_example() {
        expect("{}", "args", "{\"queue\": \"reports\"}");
        expect(null, "args", "JSON object");
        expect("{\"queue\": \"a\", \"topic\": \"b\"}", "args", "one of destination, queue and topic");
        expect("{\"queue\": \"reports\", \"destnation\": \"x\"}", "args", "does not take [destnation]");
        expect("{\"queue\": \"two words\"}", "args.queue", "without spaces");
        expect("{\"queue\": 7}", "args.queue", "must be a string");
        expect("{\"queue\": \"r\", \"properties\": [1]}", "args.properties", "object of names");
        expect("{\"queue\": \"r\", \"properties\": {\"my-prop\": 1}}", "args.properties", "Java identifier");
        expect("{\"queue\": \"r\", \"properties\": {\"JMSType\": \"x\"}}", "args.properties", "with JMS");
        expect("{\"queue\": \"r\", \"properties\": {\"clockworkTask\": \"x\"}}", "args.properties",
                "set by Clockwork");
        expect("{\"queue\": \"r\", \"properties\": {\"tags\": [\"a\"]}}", "args.properties", "string, a number");
        expect("{\"queue\": \"r\", \"deliveryMode\": \"FOREVER\"}", "args.deliveryMode", "PERSISTENT");
        expect("{\"queue\": \"r\", \"priority\": 10}", "args.priority", "0 (lowest) to 9");
        expect("{\"queue\": \"r\", \"priority\": \"high\"}", "args.priority", "whole number");
        expect("{\"queue\": \"r\", \"timeToLive\": \"soon\"}", "args.timeToLive", "soon");
        expect("{\"queue\": \"r\", \"timeToLive\": \"400d\"}", "args.timeToLive", "365d");
    }

    @Test
    void destinations_should_be_allowed_by_name_or_all_with_a_star() {
        JmsSend reports = BuiltInArgs.jms(Optional.of("{\"queue\": \"reports\"}"));

        assertThat(reports.notAllowed(JmsConfig.defaults()).orElseThrow()).contains("clockwork.jms.allow (empty:"
                + " no destination may be used)").contains("CLOCKWORK_JMS_ALLOW").contains("\"reports\"");
        assertThat(reports.notAllowed(JmsConfig.from(Map.of("clockwork.jms.allow", "audit, reports")::get)))
                .isEmpty();
        assertThat(reports.notAllowed(JmsConfig.from(Map.of("clockwork.jms.allow", "*")::get))).isEmpty();
        assertThat(reports.notAllowed(JmsConfig.from(Map.of("clockwork.jms.allow", "report")::get)))
                .hasValueSatisfying(message -> assertThat(message).contains("(report)"));
        assertThatThrownBy(() -> reports.checkAllowed(JmsConfig.defaults()))
                .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.field()).contains("args.queue"));
    }

    @Test
    void the_connection_factory_should_default_to_the_platform_one() {
        assertThat(JmsConfig.defaults().connectionFactory()).isEqualTo("java:comp/DefaultJMSConnectionFactory");
        assertThat(JmsConfig.from(Map.of("clockwork.jms.connection-factory", "java:/JmsXA")::get)
                .connectionFactory()).isEqualTo("java:/JmsXA");
    }

    @Test
    void a_task_the_server_cannot_send_for_should_warn_which_setting_to_set() {
        JmsProvider provider = new JmsProvider();
        provider.config = JmsConfig.defaults();

        assertThat(provider.warnings(Optional.of("{\"queue\": \"reports\"}"))).satisfiesExactly(
                allow -> assertThat(allow).contains("clockwork.jms.allow").contains("CLOCKWORK_JMS_ALLOW"),
                none -> assertThat(none).startsWith("no JMS provider on this server: connection factory"
                        + " java:comp/DefaultJMSConnectionFactory is not bound").contains("standalone-full.xml"));
        provider.config = JmsConfig.from(Map.of("clockwork.jms.allow", "reports")::get);
        assertThat(provider.warnings(Optional.of("{\"queue\": \"reports\"}"))).singleElement()
                .satisfies(none -> assertThat(none).startsWith("no JMS provider"));
    }

    private static void expect(String json, String field, String text) {
        assertThatThrownBy(() -> BuiltInArgs.jms(Optional.ofNullable(json)))
                .isInstanceOfSatisfying(SchedulerException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SchedulerException.Reason.INVALID);
                    assertThat(e.field()).contains(field);
                    assertThat(e.getMessage()).contains(text);
                });
    }
}
