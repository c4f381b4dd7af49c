package dev.clockwork.engine.rules;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Engine settings, read once at startup.
 *
 * @param pollInterval the longest the dispatcher sleeps before looking for due tasks written by other nodes
 * @param workers how many executions this node runs at once; 0 for a console node, which claims no work and serves
 *     the console, the API and the Scheduler bean only
 * @param prefetch how many claimed executions may wait for a worker, beyond the free workers
 * @param catchUpWindow the grace of tasks that set none: a fire claimed later than this after its time is a misfire,
 *     which the task's misfire policy decides (docs/policies.md)
 * @param maxCatchUp the most missed fires a task with misfire {@code CATCH_UP} runs after an outage
 * @param maxTimeout the longest any run on this node may take: the timeout of tasks without one, and the most a task's
 *     own may be; empty for no ceiling
 * @param defaultZone the zone given to tasks created without one
 * @param heartbeat how often a node tells the cluster it is alive
 * @param deadAfter how long a node may be silent before a live node declares it dead and takes over its work
 * @param nodeLostRetries how many new attempts a fire gets when its node is lost while running it
 * @param nodeRetention how long the row of a node that stopped or died is kept (for the console's list of nodes)
 *     after its last heartbeat
 * @param shutdownGrace how long a stopping node waits for running actions before it interrupts them and hands their
 *     fires back
 * @param historyKeep ended executions whose fire time is older than this are deleted
 * @param historyKeepLast however old, the latest this many executions of each task are kept
 */
public record EngineConfig(Duration pollInterval, int workers, int prefetch, Duration catchUpWindow,
                           ZoneId defaultZone, Duration heartbeat, Duration deadAfter, int nodeLostRetries,
                           Duration nodeRetention, Duration shutdownGrace, Duration historyKeep,
                           int historyKeepLast, int maxCatchUp, Optional<Duration> maxTimeout) {

    /** The shortest node retention: a node gone for less is still worth seeing in the console. */
    static final Duration LEAST_NODE_RETENTION = Duration.ofHours(1);
    /** The longest shutdown grace: servers themselves give an application a few minutes at most to stop. */
    static final Duration MOST_GRACE = Duration.ofMinutes(10);
    /** The shortest history retention. */
    static final Duration LEAST_HISTORY = Duration.ofHours(1);

    public EngineConfig {
        Objects.requireNonNull(defaultZone, "defaultZone");
        requirePositive("clockwork.poll-interval", pollInterval);
        requirePositive("clockwork.catch-up-window", catchUpWindow);
        requirePositive("clockwork.heartbeat-interval", heartbeat);
        requirePositive("clockwork.dead-after", deadAfter);
        SweepRules.checkThresholds(heartbeat, deadAfter);
        if (nodeLostRetries < 0 || nodeLostRetries > 10) {
            throw new IllegalArgumentException("clockwork.node-lost-retries must be 0-10, was " + nodeLostRetries);
        }
        if (nodeRetention == null || nodeRetention.compareTo(LEAST_NODE_RETENTION) < 0) {
            throw new IllegalArgumentException("clockwork.node-retention must be at least PT1H, was " + nodeRetention);
        }
        Objects.requireNonNull(maxTimeout, "maxTimeout");
        maxTimeout.ifPresent(ceiling -> requirePositive("clockwork.max-timeout", ceiling));
        if (maxCatchUp < 1 || maxCatchUp > 10_000) {
            throw new IllegalArgumentException("clockwork.max-catch-up must be 1-10000, was " + maxCatchUp);
        }
        if (shutdownGrace == null || shutdownGrace.isNegative() || shutdownGrace.compareTo(MOST_GRACE) > 0) {
            throw new IllegalArgumentException("clockwork.shutdown-grace must be PT0S to PT10M, e.g. PT30S, was "
                    + shutdownGrace);
        }
        if (historyKeep == null || historyKeep.compareTo(LEAST_HISTORY) < 0) {
            throw new IllegalArgumentException("clockwork.history.keep must be at least PT1H, e.g. P30D, was "
                    + historyKeep);
        }
        if (historyKeepLast < 0 || historyKeepLast > 100_000) {
            throw new IllegalArgumentException("clockwork.history.keep-last must be 0-100000, e.g. 10, was "
                    + historyKeepLast);
        }
        if (workers < 0 || workers > 1000) {
            throw new IllegalArgumentException("clockwork.workers must be 0-1000 (0 for a node that claims no work and"
                    + " serves the console and the API only), was " + workers);
        }
        if (prefetch < 0 || prefetch > 1000) {
            throw new IllegalArgumentException("clockwork.prefetch must be 0-1000, was " + prefetch);
        }
    }

    /**
     * Reads settings from a lookup of {@code clockwork.*} keys (system properties, or environment variables such as
     * {@code CLOCKWORK_POLL_INTERVAL}); absent keys take defaults.
     *
     * @param lookup returns the configured text for a key, or null
     * @param serverZone the zone used when {@code clockwork.default-zone} is not set
     */
    public static EngineConfig from(Function<String, String> lookup, ZoneId serverZone) {
        Settings settings = new Settings(lookup);
        return new EngineConfig(
                settings.duration("clockwork.poll-interval", Duration.ofSeconds(1)),
                settings.integer("clockwork.workers", 16),
                settings.integer("clockwork.prefetch", 4),
                settings.duration("clockwork.catch-up-window", Duration.ofSeconds(10)),
                settings.zone("clockwork.default-zone", serverZone),
                settings.duration("clockwork.heartbeat-interval", Duration.ofSeconds(2)),
                settings.duration("clockwork.dead-after", Duration.ofSeconds(10)),
                settings.integer("clockwork.node-lost-retries", 1),
                settings.duration("clockwork.node-retention", Duration.ofDays(7)),
                settings.duration("clockwork.shutdown-grace", Duration.ofSeconds(30)),
                settings.duration("clockwork.history.keep", Duration.ofDays(30)),
                settings.integer("clockwork.history.keep-last", 10),
                settings.integer("clockwork.max-catch-up", 100),
                Optional.ofNullable(settings.text("clockwork.max-timeout"))
                        .map(text -> settings.duration("clockwork.max-timeout", Duration.ZERO)));
    }

    /**
     * How often the node holding the sweep chore looks for dead nodes: every poll, or every heartbeat when that is
     * shorter, so that a dead node's work is taken over within {@code dead-after} plus one poll of its last heartbeat.
     */
    public Duration sweepInterval() {
        return heartbeat.compareTo(pollInterval) < 0 ? heartbeat : pollInterval;
    }

    /** Defaults, for tests. */
    public static EngineConfig defaults(ZoneId defaultZone) {
        return from(Map.<String, String>of()::get, defaultZone);
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration such as PT1S, was " + value);
        }
    }

    /** Whether this node claims and runs fires; a console node ({@code clockwork.workers=0}) does not. */
    public boolean claimsWork() {
        return workers > 0;
    }
}
