package dev.clockwork.engine.rules;

import dev.clockwork.api.SchedulerException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code jms} task sends, checked: where to (a destination's JNDI name, or a physical queue or topic name),
 * the text body, the message properties and the delivery options. Every message also carries the fire's idempotency
 * key as its {@code JMSCorrelationID} and in the properties of {@link #RESERVED_PROPERTIES}.
 *
 * @param properties message properties: each value a {@code String}, {@code Long}, {@code Double} or {@code Boolean}
 * @param priority JMS priority, 0-9
 * @param timeToLive how long the provider keeps the message undelivered; zero for ever
 */
public record JmsSend(Target target, Optional<String> body, Map<String, Object> properties, Delivery delivery,
                      int priority, Duration timeToLive) {

    public static final int DEFAULT_PRIORITY = 4;
    /** Properties the action sets on every message; a task may not set them itself. */
    public static final Set<String> RESERVED_PROPERTIES = Set.of("clockworkIdempotencyKey", "clockworkTask",
            "clockworkFireTime", "clockworkAttempt");
    static final Duration MOST_TIME_TO_LIVE = Duration.ofDays(365);
    /** A JMS property name: a Java identifier, not one of the selector's words, not starting with JMS. */
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,99}");
    private static final Set<String> SELECTOR_WORDS = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN",
            "LIKE", "IN", "IS", "ESCAPE");
    private static final Pattern NAME = Pattern.compile("[^\\s,]{1,200}");

    /** How the message is kept by the provider: {@code PERSISTENT} (the default) survives a broker restart. */
    public enum Delivery {
        PERSISTENT, NON_PERSISTENT
    }

    /** How the task names where the message goes. */
    public enum Kind {
        /** A JNDI name of a {@code Destination} administered on the server, e.g. {@code java:/jms/queue/reports}. */
        DESTINATION,
        /** A provider's physical queue name, e.g. {@code reports}. */
        QUEUE,
        /** A provider's physical topic name. */
        TOPIC;

        /** The argument that names it: {@code destination}, {@code queue} or {@code topic}. */
        public String field() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the message goes: a kind and its name. */
    public record Target(Kind kind, String name) {
        public Target {
            if (name == null || !NAME.matcher(name).matches()) {
                throw SchedulerException.invalid("args." + kind.field(), kind.field() + " must be a name of 1-200"
                        + " characters without spaces or commas, e.g. " + example(kind) + "; was \"" + name + "\".");
            }
        }

        @Override
        public String toString() {
            return kind.field() + " " + name;
        }
    }

    public JmsSend {
        if (target == null) {
            throw SchedulerException.invalid("args", "A jms task names where it sends: {\"destination\":"
                    + " \"java:/jms/queue/reports\"} (a JNDI name), {\"queue\": \"reports\"} or {\"topic\": \"news\"}"
                    + " (a physical name).");
        }
        properties = new LinkedHashMap<>(properties);
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            String name = property.getKey();
            if (!PROPERTY.matcher(name).matches() || name.toUpperCase(Locale.ROOT).startsWith("JMS")
                    || SELECTOR_WORDS.contains(name.toUpperCase(Locale.ROOT))) {
                throw SchedulerException.invalid("args.properties", "Property name \"" + name + "\" is not a JMS"
                        + " property name: use a Java identifier (letters, digits, '_', '$', not starting with a"
                        + " digit or with JMS), e.g. \"region\".");
            }
            if (RESERVED_PROPERTIES.contains(name)) {
                throw SchedulerException.invalid("args.properties", "Property \"" + name + "\" is set by Clockwork"
                        + " on every message (" + String.join(", ", new java.util.TreeSet<>(RESERVED_PROPERTIES))
                        + "); choose another name.");
            }
            Object value = property.getValue();
            if (!(value instanceof String || value instanceof Long || value instanceof Double
                    || value instanceof Boolean)) {
                throw SchedulerException.invalid("args.properties", "Property \"" + name + "\" must be a string, a"
                        + " number or true/false; was " + value + ".");
            }
        }
        properties = java.util.Collections.unmodifiableMap(properties);
        if (delivery == null) {
            delivery = Delivery.PERSISTENT;
        }
        if (priority < 0 || priority > 9) {
            throw SchedulerException.invalid("args.priority", "priority must be a JMS priority from 0 (lowest) to 9"
                    + " (highest), e.g. 4 (the default); was " + priority + ".");
        }
        if (timeToLive == null || timeToLive.isNegative() || timeToLive.compareTo(MOST_TIME_TO_LIVE) > 0) {
            throw SchedulerException.invalid("args.timeToLive", "timeToLive must be from 1ms to 365d (or absent: the"
                    + " message never expires), e.g. \"10m\"; was " + timeToLive + ".");
        }
    }

    /**
     * Checks that this server lets the task send to its destination.
     *
     * @throws SchedulerException INVALID naming the argument, saying which setting to change
     */
    public void checkAllowed(JmsConfig config) {
        notAllowed(config).ifPresent(message -> {
            throw SchedulerException.invalid("args." + target.kind().field(), message);
        });
    }

    /** Why this server does not let the task send to its destination, or empty when it does. */
    public Optional<String> notAllowed(JmsConfig config) {
        if (config.allows(target.name())) {
            return Optional.empty();
        }
        return Optional.of("JMS " + target + " is not in clockwork.jms.allow (" + config.allowText() + "). An admin"
                + " adds \"" + target.name() + "\" there (environment CLOCKWORK_JMS_ALLOW; * allows every"
                + " destination) and restarts the server.");
    }

    private static String example(Kind kind) {
        return switch (kind) {
            case DESTINATION -> "java:/jms/queue/reports";
            case QUEUE -> "reports";
            case TOPIC -> "news";
        };
    }
}
