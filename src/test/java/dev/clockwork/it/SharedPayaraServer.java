package dev.clockwork.it;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * One Payara Server domain for every test class of a JVM that asks for it, installed as the README tells an admin
 * (start the domain, both passwords as password aliases, {@code server-config/payara/deploy-to-server.sh} with a
 * fresh PostgreSQL database) and stopped when the JVM's tests are done. {@link PayaraServerIT} runs the REST checks,
 * the upgrade and the secrets on it; failsafe's execution {@code payara-server} then runs {@link JmsIT} and
 * {@link SchedulerIT} in it through Arquillian's remote Payara adapter (container {@code payara-server} in
 * arquillian.xml, which reads the domain's ports from the system properties set here), so the domain is started once
 * for all three, in the order of {@link InstallingClassesFirst}.
 *
 * <p>For {@link JmsIT} the domain also gets a queue of its broker and the jms action's allow-list: test set-up, not the
 * admin's script, as queues are each user's own.
 */
final class SharedPayaraServer implements BeforeAllCallback {

    static final String ADMIN_PASSWORD = System.getProperty("clockwork.it.admin.password");
    /** The system properties naming the domain's admin and HTTP ports, for arquillian.xml. */
    static final String ADMIN_PORT = "clockwork.it.payara-server.admin-port";
    static final String HTTP_PORT = "clockwork.it.payara-server.http-port";
    /** {@link JmsIT}'s queue in the domain, by JNDI name. */
    static final String JMS_QUEUE = "jms/clockwork-it";

    private static Installed installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        installed = context.getRoot().getStore(ExtensionContext.Namespace.create(SharedPayaraServer.class))
                .getOrComputeIfAbsent("domain", key -> install(), Installed.class);
    }

    /** The domain and its database, once an extended class has started. */
    static Installed installed() {
        if (installed == null) {
            throw new IllegalStateException("No Payara Server domain: extend the test class with "
                    + SharedPayaraServer.class.getSimpleName());
        }
        return installed;
    }

    private static Installed install() {
        try {
            ClusterDatabase db = ClusterDatabase.postgresql("cw_payara_server");
            db.reset();
            PayaraServer server = PayaraServer.create("it");
            server.startOnLoopback();
            server.createPasswordAlias("clockwork.db.password", db.nodePassword());
            server.createPasswordAlias("clockwork.admin.password", ADMIN_PASSWORD);
            server.createQueue(JMS_QUEUE, JmsIT.PHYSICAL_QUEUE);
            server.createSystemProperty("clockwork.jms.allow", JMS_QUEUE + "," + JmsIT.PHYSICAL_QUEUE);
            server.createSystemProperty(JmsIT.QUEUE_PROPERTY, JMS_QUEUE);
            Map<String, String> location = new HashMap<>(db.environment());
            location.remove("CLOCKWORK_DB_PASSWORD");
            server.deploy("install", "postgresql", Path.of(System.getProperty("clockwork.war")), location);
            System.setProperty(ADMIN_PORT, Integer.toString(server.adminPort()));
            System.setProperty(HTTP_PORT, Integer.toString(server.httpPort()));
            return new Installed(db, server);
        } catch (Exception e) {
            throw new AssertionError("Could not install Clockwork on a Payara Server domain: " + e.getMessage(), e);
        }
    }

    /**
     * The class order of failsafe's execution {@code payara-server} (its JUnit configuration parameter
     * {@code junit.jupiter.testclass.order.default}): the classes extended with {@link SharedPayaraServer} first, as
     * they install the domain and leave it without Clockwork, then the rest by name, the Arquillian classes that each
     * deploy a WAR of their own into it and need its ports.
     */
    static final class InstallingClassesFirst implements ClassOrderer {

        @Override
        public void orderClasses(ClassOrdererContext context) {
            context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor c) -> !installs(c.getTestClass()))
                    .thenComparing(c -> c.getTestClass().getName()));
        }

        private static boolean installs(Class<?> testClass) {
            return AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class).stream()
                    .anyMatch(extendWith -> Arrays.asList(extendWith.value()).contains(SharedPayaraServer.class));
        }
    }

    /** The domain and its database; stopped and dropped when the JVM's tests are done. */
    record Installed(ClusterDatabase db, PayaraServer server) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() throws SQLException {
            try {
                server.close();
                System.out.println("PAYARA SERVER STEPS " + server.times());
            } finally {
                db.drop();
            }
        }
    }
}
