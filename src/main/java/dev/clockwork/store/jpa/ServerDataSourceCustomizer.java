package dev.clockwork.store.jpa;

import java.util.logging.Logger;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Points the persistence unit at the server's {@code jdbc/clockwork} when the server defines it; otherwise the unit
 * keeps the default data source that persistence.xml names. JPA has no portable way to choose a data source when
 * the unit starts, so this is EclipseLink's hook: EclipseLink is the JPA provider on Payara and on WildFly alike.
 */
public class ServerDataSourceCustomizer implements SessionCustomizer {

    private static final Logger LOG = Logger.getLogger(ServerDataSourceCustomizer.class.getName());

    @Override
    public void customize(Session session) {
        DataSources.serverDefined().ifPresentOrElse(found -> {
            session.getLogin().setConnector(new JNDIConnector(found.dataSource()));
            if (session instanceof ServerSession server
                    && server.getReadConnectionPool().getLogin() instanceof DatasourceLogin readLogin) {
                readLogin.setConnector(new JNDIConnector(found.dataSource()));
            }
            LOG.info(() -> "Clockwork uses the server's data source " + found.name());
        }, () -> LOG.warning(() -> "The server defines no data source " + DataSources.SERVER_NAME + "; Clockwork"
                + " uses the server's default data source " + DataSources.DEFAULT_NAME + " (embedded H2, this node"
                + " only). Define " + DataSources.SERVER_NAME + " for MySQL/MariaDB or PostgreSQL and a cluster:"
                + " see server-config/ and the README."));
    }
}
