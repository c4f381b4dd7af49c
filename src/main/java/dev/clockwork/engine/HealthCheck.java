package dev.clockwork.engine;

import dev.clockwork.engine.rules.DispatchHealth;
import dev.clockwork.store.DataSourceName;
import dev.clockwork.store.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Whether this node can do its work: the database answers and the dispatcher fires; and how busy the workers are. */
@ApplicationScoped
public class HealthCheck {

    private static final Logger LOG = Logger.getLogger(HealthCheck.class.getName());

    @Inject
    TaskStore store;
    @Inject
    NodeIdentity node;
    @Inject
    Workers workers;
    @Inject
    Clock clock;
    @Inject
    DataSourceName database;
    @Inject
    DispatchLoop dispatcher;

    /** A snapshot of this node's health. */
    public record Report(boolean databaseUp, Optional<String> databaseError, DispatchHealth dispatcher,
                         String dataSource, String node, int busyWorkers, Instant checkedAt) {

        /** Whether the node is healthy: it reaches its database and its dispatcher fires. */
        public boolean up() {
            return databaseUp && dispatcher.up();
        }
    }

    public Report check() {
        Optional<String> error;
        try {
            error = store.isReachable() ? Optional.empty() : Optional.of("the database gave no answer");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Health check: the database is unreachable", e);
            error = Optional.of(String.valueOf(e.getMessage()));
        }
        return new Report(error.isEmpty(), error, dispatcher.health(), database.dataSourceName(), node.id(),
                workers.busy(), clock.instant());
    }
}
