package dev.clockwork.engine;

import dev.clockwork.engine.rules.ReadConfig;
import dev.clockwork.engine.rules.ReplicaGuard;
import dev.clockwork.engine.rules.ReplicaLag;
import dev.clockwork.store.ReadReplica;
import dev.clockwork.store.ReadReplica.ReadSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the reads of operators' requests to the replica while it is close enough behind, and every other read to the
 * primary (docs/decisions/043-reads-from-a-replica.md): the REST API's and the console's read requests open their
 * reads here, every change a user makes keeps that user's reads on the primary for {@code clockwork.read.sticky}, and
 * each heartbeat measures the replica's lag on a managed thread, never delaying the heartbeat itself.
 */
@ApplicationScoped
public class ReadRouter {

    private static final Logger LOG = Logger.getLogger(ReadRouter.class.getName());

    @Inject
    ReadReplica replica;
    @Inject
    ReadConfig config;
    @Inject
    Clock clock;
    @Inject
    NodeIdentity node;
    @Resource
    ManagedExecutorService executor;

    private ReplicaGuard guard;
    private final ReplicaLag lag = new ReplicaLag();
    /** The state last logged; null until the first measurement, which is always logged, DOWN included. */
    private volatile ReplicaGuard.State lastState;

    @PostConstruct
    void start() {
        guard = new ReplicaGuard(config, clock);
    }

    /** Whether the server defines a replica to read from. */
    public boolean configured() {
        return replica.configured();
    }

    /** The replica's state and last measured lag; empty when there is no replica. */
    public Optional<ReplicaGuard.Status> status() {
        return configured() ? Optional.of(guard.status()) : Optional.empty();
    }

    /**
     * Lets the reads of this request, made by {@code user} outside a transaction, go to the replica while it is in use
     * and {@code user} has changed nothing within the sticky window; ended by {@link #endReads}.
     */
    public void beginReads(String user) {
        if (!configured()) {
            return;
        }
        replica.beginReads(new ReadReplica.ReadPermit() {
            @Override
            public boolean replicaAllowed() {
                return guard.replicaAllowed(user);
            }

            @Override
            public void replicaFailed(String reason) {
                guard.readFailed(reason);
            }
        });
    }

    /** Ends this thread's reads; says where they were read: {@code replica} or {@code primary}. */
    public String endReads() {
        ReadSource source = replica.endReads();
        return source == ReadSource.REPLICA ? "replica" : "primary";
    }

    /** Keeps {@code user}'s reads on the primary for the sticky window: they changed something. */
    public void changed(String user) {
        if (configured()) {
            guard.changed(user);
        }
    }

    /** Notes this node's heartbeat written on the primary at {@code at}, and measures the replica's lag against it. */
    public void measure(Instant at) {
        if (!configured()) {
            return;
        }
        lag.wrote(at);
        Optional<Instant> started = guard.startMeasuring();
        if (started.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> measureFrom(started.get()));
        } catch (RejectedExecutionException e) {
            guard.failed(started.get(), "no thread to measure it on: " + e.getMessage());
        }
    }

    private void measureFrom(Instant startedAt) {
        try {
            Optional<Instant> seen = replica.heartbeatSeen(node.id(), config.timeout());
            guard.measured(startedAt, lag.lag(seen, clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The replica's lag could not be measured", e);
            guard.failed(startedAt, String.valueOf(e.getMessage()));
        }
        logChange();
    }

    private void logChange() {
        ReplicaGuard.Status status = guard.status();
        if (status.state() != lastState) {
            lastState = status.state();
            LOG.info(() -> "Reads from the replica " + replica.dataSourceName() + ": " + status.state() + ", "
                    + status.detail());
        }
    }
}
