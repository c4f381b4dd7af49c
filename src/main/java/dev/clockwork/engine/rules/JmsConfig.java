package dev.clockwork.engine.rules;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Server settings of the {@code jms} action, read once at startup (docs/decisions/042-jms-action.md).
 *
 * @param connectionFactory the JNDI name of the connection factory the action sends with
 *     ({@code clockwork.jms.connection-factory}, default {@value #DEFAULT_CONNECTION_FACTORY}), looked up at each run
 * @param allow the destinations a {@code jms} task may send to, as the task names them: a JNDI name
 *     ({@code destination}) or a physical queue or topic name; {@code *} allows all ({@code clockwork.jms.allow},
 *     comma-separated; empty by default, so nothing is sent until an admin lists something)
 */
public record JmsConfig(String connectionFactory, Set<String> allow) {

    public static final String DEFAULT_CONNECTION_FACTORY = "java:comp/DefaultJMSConnectionFactory";
    static final String ALL = "*";

    public JmsConfig {
        if (connectionFactory == null || connectionFactory.isBlank()) {
            throw new IllegalArgumentException("clockwork.jms.connection-factory must be a JNDI name such as "
                    + DEFAULT_CONNECTION_FACTORY + ", was blank");
        }
        allow = Set.copyOf(allow);
    }

    /** Reads {@code clockwork.jms.*} from a lookup of settings; absent keys give the defaults. */
    public static JmsConfig from(Function<String, String> lookup) {
        Settings settings = new Settings(lookup);
        String factory = settings.text("clockwork.jms.connection-factory");
        String allow = settings.text("clockwork.jms.allow");
        return new JmsConfig(factory == null ? DEFAULT_CONNECTION_FACTORY : factory, allow == null ? Set.of()
                : Arrays.stream(allow.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** The defaults: the platform's default connection factory, and no destination allowed. */
    public static JmsConfig defaults() {
        return from(key -> null);
    }

    /** Whether a task may send to {@code name}, as it names it (a JNDI name or a physical name). */
    public boolean allows(String name) {
        return allow.contains(ALL) || allow.contains(name);
    }

    /** The allow-list as the messages quote it. */
    String allowText() {
        return allow.isEmpty() ? "empty: no destination may be used" : String.join(",", new TreeSet<>(allow));
    }
}
