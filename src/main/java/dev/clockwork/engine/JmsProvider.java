package dev.clockwork.engine;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.rules.JmsConfig;
import dev.clockwork.engine.rules.JmsSend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server's JMS provider as the {@code jms} action finds it: the connection factory and administered destinations
 * are looked up by JNDI name when needed, never injected, so that the WAR deploys and runs on servers without
 * messaging (Payara Micro, WildFly's default {@code standalone.xml}) and only {@code jms} runs fail there.
 */
@ApplicationScoped
public class JmsProvider {

    /** How to get a provider, for the messages of a server without one. */
    static final String HOW_TO_GET_ONE = "Run Clockwork on a server with a message broker: WildFly started with"
            + " standalone-full.xml (embedded ActiveMQ Artemis) or Payara Server Full (embedded OpenMQ); or deploy a"
            + " JMS resource adapter and set clockwork.jms.connection-factory (environment"
            + " CLOCKWORK_JMS_CONNECTION_FACTORY) to its connection factory's JNDI name.";

    @Inject
    JmsConfig config;

    /**
     * The configured connection factory.
     *
     * @throws IllegalStateException "no JMS provider on this server: ..." when it is not bound, and how to get one
     */
    public ConnectionFactory connectionFactory() {
        Object found;
        try {
            found = InitialContext.doLookup(config.connectionFactory());
        } catch (NamingException | RuntimeException e) {
            throw new IllegalStateException(noProvider("connection factory " + config.connectionFactory()
                    + " is not bound (" + e + ")"), e);
        }
        if (found instanceof ConnectionFactory factory) {
            return factory;
        }
        throw new IllegalStateException(noProvider(config.connectionFactory() + " is a "
                + (found == null ? "null" : found.getClass().getName()) + ", not a JMS connection factory"));
    }

    /**
     * The destination bound at a JNDI name.
     *
     * @throws IllegalStateException when nothing, or no destination, is bound there
     */
    public Destination destination(String jndiName) {
        Object found;
        try {
            found = InitialContext.doLookup(jndiName);
        } catch (NamingException | RuntimeException e) {
            throw new IllegalStateException("JMS destination " + jndiName + " is not bound on this server (" + e
                    + "). An admin creates it (WildFly: jms-queue add --queue-address=reports"
                    + " --entries=java:/jms/queue/reports; Payara Server: asadmin create-jms-resource), or the task"
                    + " names a physical queue instead: {\"queue\": \"reports\"}.", e);
        }
        if (found instanceof Destination destination) {
            return destination;
        }
        throw new IllegalStateException("JNDI name " + jndiName + " holds a " + (found == null ? "null"
                : found.getClass().getName()) + ", not a JMS destination; name a queue or topic.");
    }

    /** The message of a server without the configured connection factory. */
    static String noProvider(String why) {
        return "no JMS provider on this server: " + why + ". " + HOW_TO_GET_ONE;
    }

    /**
     * What stops a {@code jms} task with these arguments from sending on this server, for the task's
     * {@code warnings}: a destination the allow-list leaves out, or no provider. Each run ends FAILED with the same
     * message until an admin changes the server.
     */
    List<String> warnings(Optional<String> argsJson) {
        List<String> warnings = new ArrayList<>(2);
        try {
            BuiltInArgs.jms(argsJson).notAllowed(config).ifPresent(warnings::add);
        } catch (SchedulerException e) {
            warnings.add(e.getMessage());
        }
        try {
            connectionFactory();
        } catch (IllegalStateException e) {
            warnings.add(e.getMessage());
        }
        return warnings;
    }

    /** Checks a {@code jms} task's arguments; whether this server allows them is a warning, not an error. */
    static JmsSend check(Optional<String> argsJson) {
        return BuiltInArgs.jms(argsJson);
    }
}
