package dev.clockwork.engine;

import dev.clockwork.engine.rules.DispatchHealth;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.OffsetClock;
import dev.clockwork.engine.rules.Probe;
import dev.clockwork.engine.rules.Probe.Check;
import dev.clockwork.store.SchemaHistory;
import dev.clockwork.store.SchemaVersion;
import dev.clockwork.store.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The liveness and readiness probes. Live: the engine's own threads run; only a restart fixes a node that fails it,
 * so it reads nothing outside the process. Ready: the node can do its work now (database, schema, dispatcher,
 * clock); a node that fails it should get no traffic, and may recover by itself.
 */
@ApplicationScoped
public class Probes {

    private static final Logger LOG = Logger.getLogger(Probes.class.getName());
    private static final String CONSOLE_NODE = "no dispatch loop: a console node (clockwork.workers=0) claims no work";

    @Inject
    DispatchLoop dispatcher;
    @Inject
    Workers workers;
    @Inject
    EngineConfig config;
    @Inject
    TaskStore store;
    @Inject
    SchemaHistory schema;
    @Inject
    OffsetClock clock;

    public Probe live() {
        Check loop = !config.claimsWork() ? Check.up("dispatcher-thread", CONSOLE_NODE)
                : dispatcher.threadAlive()
                ? Check.up("dispatcher-thread", "the dispatch loop's thread is running")
                : Check.down("dispatcher-thread", "the dispatch loop's thread is not running (see the server log for"
                        + " the error that ended it); restart the node");
        int alive = workers.aliveThreads();
        String counted = alive + " of " + config.workers() + " worker threads are running";
        Check pool = alive == config.workers() ? Check.up("worker-threads", counted)
                : Check.down("worker-threads", counted + " (see the server log for the error that ended the others);"
                        + " restart the node");
        return new Probe(List.of(loop, pool));
    }

    public Probe ready() {
        return new Probe(List.of(database(), schema(), dispatcher(), clock()));
    }

    private Check database() {
        try {
            return store.isReachable() ? Check.up("database", "the database answers")
                    : Check.down("database", "the database gave no answer; check that it runs and that the server's"
                            + " data source jdbc/clockwork reaches it");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Readiness: the database is unreachable", e);
            return Check.down("database", "the database is unreachable (" + e.getMessage() + "); check that it runs"
                    + " and that the server's data source jdbc/clockwork reaches it");
        }
    }

    private Check schema() {
        SchemaVersion version;
        try {
            version = schema.version();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Readiness: could not read the schema history", e);
            return Check.down("schema", "could not read the schema history (" + e.getMessage() + ")");
        }
        String at = "the database's schema is at version " + version.current().orElse("none");
        if (version.atExpected()) {
            return Check.up("schema", at);
        }
        if (version.pending() > 0) {
            return Check.down("schema", at + ", " + version.pending() + " migrations of this node are not applied"
                    + " (expected version " + version.expected() + "); restart the node to apply them");
        }
        return Check.down("schema", at + ", newer than this node's " + version.expected() + ": a newer Clockwork"
                + " migrated it; upgrade this node too");
    }

    private Check dispatcher() {
        DispatchHealth health = dispatcher.health();
        return !health.claims() ? Check.up("dispatcher", CONSOLE_NODE)
                : health.up() ? Check.up("dispatcher", "the dispatch loop completes its rounds")
                : Check.down("dispatcher", health.problem().orElse("the dispatcher is down"));
    }

    private Check clock() {
        if (!clock.measured()) {
            return Check.down("clock", "this node has not yet measured its clock against the database's (it does at"
                    + " each heartbeat, every " + config.heartbeat() + "); wait for the next heartbeat");
        }
        return Check.up("clock", "this node's clock is corrected by " + clock.offset().toMillis()
                + " ms to the database's");
    }
}
