package dev.clockwork.store.jpa;

import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Points the persistence unit at the server's {@code jdbc/clockwork} when the server defines it; otherwise the unit
 * keeps the default data source that persistence.xml names. JPA has no portable way to choose a data source when
 * the unit starts, so this is EclipseLink's hook: EclipseLink is the JPA provider on Payara and on WildFly alike.
 * When the server also defines the read-only replica {@code jdbc/clockwork-read}, EclipseLink's read connections
 * (those it takes for reads outside a transaction) come from {@link ReadRoutingDataSource}.
 */
public class ServerDataSourceCustomizer implements SessionCustomizer {

    private static final Logger LOG = Logger.getLogger(ServerDataSourceCustomizer.class.getName());

    @Override
    public void customize(Session session) {
        DataSources.serverDefined().ifPresentOrElse(found -> {
            session.getLogin().setConnector(new JNDIConnector(found.dataSource()));
            DataSource reads = DataSources.readReplica().map(replica -> {
                LOG.info(() -> "Clockwork may read from the server's read-only replica " + replica.name()
                        + " outside transactions (docs/decisions/043-reads-from-a-replica.md)");
                return (DataSource) new ReadRoutingDataSource(found.dataSource(), replica.dataSource(),
                        new JtaTransactions());
            }).orElse(found.dataSource());
            if (session instanceof ServerSession server) {
                useForReads(server, reads);
            }
            LOG.info(() -> "Clockwork uses the server's data source " + found.name());
        }, () -> LOG.warning(() -> "The server defines no data source " + DataSources.SERVER_NAME + "; Clockwork"
                + " uses the server's default data source " + DataSources.DEFAULT_NAME + " (embedded H2, this node"
                + " only). Define " + DataSources.SERVER_NAME + " for MySQL/MariaDB or PostgreSQL and a cluster:"
                + " see server-config/ and the README."));
    }

    /** Gives the read connections their own login when they share the session's, so writes keep the primary's. */
    static void useForReads(ServerSession server, DataSource reads) {
        if (server.getReadConnectionPool().getLogin() instanceof DatasourceLogin readLogin) {
            DatasourceLogin own = readLogin == server.getLogin() ? (DatasourceLogin) readLogin.clone() : readLogin;
            own.setConnector(new JNDIConnector(reads));
            server.getReadConnectionPool().setLogin(own);
        }
    }
}
