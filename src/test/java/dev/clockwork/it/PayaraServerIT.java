package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's "Deploying to an existing Payara Server" on a real Payara Server (the full distribution from Maven
 * Central, unpacked by the build): a fresh domain on free ports of 127.0.0.1, a fresh PostgreSQL schema, and the
 * README's first block: start the domain, both passwords as password aliases, then
 * {@code server-config/payara/deploy-to-server.sh}, which restarts the domain once ({@link SharedPayaraServer}). Then
 * the REST checks every server runs, an upgrade (the same script redeploys a newer WAR over the running one), and a
 * look for the secrets in the domain's log and configuration. The domain is stopped when the JVM's tests are done
 * (after {@link JmsIT} and {@link SchedulerIT} in failsafe's execution {@code payara-server}), whatever failed.
 *
 * <p>Run it alone (on the Payara Micro execution's classpath, without the bean checks): {@code mvn verify
 * -Dit.test=PayaraServerIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.wildfly.skip=true}.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
@ExtendWith(SharedPayaraServer.class)
class PayaraServerIT {

    private static final String ADMIN_PASSWORD = SharedPayaraServer.ADMIN_PASSWORD;
    private static final String UPGRADED_VERSION = "upgraded-by-payara-server-it";

    private static ClusterDatabase db;
    private static PayaraServer server;

    @BeforeAll
    static void install() {
        db = SharedPayaraServer.installed().db();
        server = SharedPayaraServer.installed().server();
    }

    /** Leaves the domain without Clockwork: {@link JmsIT} and {@link SchedulerIT} deploy their own WARs of it next. */
    @AfterAll
    static void undeploy() {
        server.undeploy("clockwork");
    }

    @Nested
    @Order(1)
    class Rest extends RestChecks {

        @Override
        protected URI root() {
            return server.base();
        }

        @Override
        protected boolean hasJmsProvider() {
            return true;
        }
    }

    @Nested
    @Order(2)
    class Upgrade {

        @Test
        void redeploying_a_newer_war_should_keep_every_task_and_execution_and_resume_firing() throws Exception {
            Api api = new Api(server.base(), "admin", ADMIN_PASSWORD);
            api.createTask("upgrade.every", "every 1s", "noop", "null");
            api.createTask("upgrade.cron", "cron */2 * * * * *", "noop", "null");
            for (String task : new String[] {"upgrade.every", "upgrade.cron"}) {
                Poll.until(Duration.ofSeconds(30), () -> executions(api, task).getInt("total"), total -> total >= 2,
                        "two fires of " + task + " before the upgrade");
            }
            Set<String> tasksBefore = column("SELECT name FROM cw_task");
            Set<String> executionsBefore = column("SELECT id FROM cw_execution");
            String nodeBefore = api.anonymous().get("health").json().getString("node");

            server.deploy("upgrade", "postgresql", newerWar(), Map.of());
            Instant upgradedAt = Instant.now();

            JsonObject health = Poll.until(Duration.ofSeconds(60), () -> api.anonymous().get("health"),
                    reply -> reply.status() == 200, "the upgraded Clockwork to be healthy").json();
            String node = health.getString("node");
            assertThat(node).as("a new node after the redeploy").isNotEqualTo(nodeBefore);
            assertThat(api.get("nodes").array().getValuesAs(JsonObject.class))
                    .filteredOn(n -> n.getString("id").equals(node)).singleElement()
                    .satisfies(n -> assertThat(n.getString("version")).isEqualTo(UPGRADED_VERSION));
            assertThat(column("SELECT name FROM cw_task")).containsAll(tasksBefore);
            assertThat(column("SELECT id FROM cw_execution")).containsAll(executionsBefore);
            for (String task : new String[] {"upgrade.every", "upgrade.cron"}) {
                Poll.until(Duration.ofSeconds(30), () -> executions(api, task).getJsonArray("items")
                                .getJsonObject(0),
                        run -> Instant.parse(run.getString("fireTime")).isAfter(upgradedAt)
                                && run.getString("status").equals("SUCCEEDED") && run.getString("node").equals(node),
                        task + " to fire on the upgraded node");
                assertThat(api.delete("tasks/" + task).status()).isEqualTo(204);
            }
        }

        /** The built WAR under another version: what {@code GET /api/nodes} reports for a node that runs it. */
        private static Path newerWar() {
            WebArchive war = TestDeployments.builtWar();
            String versionFile = "WEB-INF/classes/dev/clockwork/engine/version.properties";
            war.delete(versionFile);
            war.add(new StringAsset("version=" + UPGRADED_VERSION + "\n"), versionFile);
            Path file = Path.of("target", "payara-server-it", "clockwork-newer.war").toAbsolutePath();
            war.as(ZipExporter.class).exportTo(file.toFile(), true);
            return file;
        }

        private static JsonObject executions(Api api, String task) {
            return api.get("tasks/" + task + "/executions?limit=1").json();
        }

        private static Set<String> column(String select) throws SQLException {
            Set<String> values = new HashSet<>();
            try (Connection connection = db.connect(); ResultSet rows = connection.createStatement()
                    .executeQuery(select)) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    @Nested
    @Order(3)
    class Secrets {

        @Test
        void passwords_should_be_neither_in_the_log_nor_in_domain_xml() throws IOException {
            String log = Files.readString(server.serverLog(), StandardCharsets.ISO_8859_1);
            String domainXml = Files.readString(server.domainXml(), StandardCharsets.UTF_8);

            assertThat(log).contains("Created user admin with the password from")
                    .doesNotContain(ADMIN_PASSWORD).doesNotContain(db.nodePassword());
            assertThat(domainXml).contains("${ALIAS=clockwork.admin.password}")
                    .contains("${MPCONFIG=clockwork.db.password}")
                    .doesNotContain(ADMIN_PASSWORD).doesNotContain(db.nodePassword());
        }
    }
}
