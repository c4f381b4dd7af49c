package dev.clockwork.engine;

import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.NodeState;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.OffsetClock;
import dev.clockwork.engine.rules.ReplicaGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's metrics, in one Micrometer registry scraped in the Prometheus text format: what the engine records
 * as it works (runs, lateness, claims), gauges read at scrape time, and the JVM's own. Recording on the hot path is
 * a lookup in a map built at startup and a lock-free counter or histogram update; nothing touches the database.
 *
 * <p>The {@code action} label is an action deployed on this node, or {@value #OTHER_ACTION} for every other name: a
 * task may name any action, and one label value per task-chosen name would let the series grow without bound.
 */
@ApplicationScoped
public class EngineMetrics {

    /** The label value of every action name that is not deployed on this node. */
    static final String OTHER_ACTION = "other";
    private static final Logger LOG = Logger.getLogger(EngineMetrics.class.getName());
    private static final Set<ExecutionStatus> WORKER_STATUSES = EnumSet.of(ExecutionStatus.SUCCEEDED,
            ExecutionStatus.FAILED, ExecutionStatus.ACTION_NOT_FOUND);
    private static final Duration[] RUN_BUCKETS = seconds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
            10, 30, 60, 300, 1800);
    private static final Duration[] LATENESS_BUCKETS = seconds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
            2.5, 5, 10, 30, 60, 300);
    private static final Duration[] CLAIM_BUCKETS = seconds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1, 2.5, 5);

    @Inject
    ActionRegistry actions;
    @Inject
    Workers workers;
    @Inject
    EngineConfig config;
    @Inject
    OffsetClock clock;
    @Inject
    ClusterReadings cluster;
    @Inject
    ReadRouter reads;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** The meters of each deployed action, built once: deployed actions do not change while the application runs. */
    private final Map<String, ActionMeters> byAction = new ConcurrentHashMap<>();
    private ActionMeters other;
    private Timer lateness;
    private Timer claims;
    private JvmGcMetrics gc;
    /** What the gauges that read the database show, read once per scrape rather than once per gauge. */
    private final AtomicReference<ClusterReadings.Readings> readings = new AtomicReference<>();

    /**
     * Observing the application's start creates this bean then, rather than at the first run on a worker thread:
     * the meters exist, at zero, from the start.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing more to do: being called created the bean.
    }

    @PostConstruct
    void register() {
        // Two of ProcessorMetrics' names break Prometheus's conventions (promtool says so): a "_count" that is not a
        // histogram's, and a unit abbreviated to "ns". The CPU count is kept under a conforming name.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
                    }
                });
        actions.names().forEach(name -> byAction.put(name, new ActionMeters(name)));
        other = new ActionMeters(OTHER_ACTION);
        lateness = Timer.builder("clockwork.fire.lateness")
                .description("How long after its fire time a scheduled fire's first attempt started on this node")
                .serviceLevelObjectives(LATENESS_BUCKETS).register(registry);
        claims = Timer.builder("clockwork.claim.duration")
                .description("How long this node's claim transactions took, commit included")
                .serviceLevelObjectives(CLAIM_BUCKETS).register(registry);
        registerEngineGauges();
        registerClusterGauges();
        registerReplicaGauges();
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Lets go of the JVM's GC notifications, which would otherwise keep the undeployed application loaded. */
    @PreDestroy
    void close() {
        gc.close();
        registry.close();
    }

    /**
     * A run on this node ended: counts it, times it, and, for a scheduled fire's first attempt, how late it started
     * (retries and manual runs are late or early by design).
     */
    public void ran(ClaimedFire fire, ExecutionStatus status, Instant startedAt, long tookNanos) {
        ActionMeters meters = byAction.getOrDefault(fire.action(), other);
        meters.runs(status).increment();
        meters.duration.record(tookNanos, TimeUnit.NANOSECONDS);
        if (fire.kind() == ExecutionKind.SCHEDULED && fire.attempt() == 1) {
            // A start a hair before its fire time (the clock's correction moved) counts as on time.
            lateness.record(Math.max(0, Duration.between(fire.fireTime(), startedAt).toNanos()), TimeUnit.NANOSECONDS);
        }
    }

    /** A claim transaction took {@code nanos}. */
    public void claimed(long nanos) {
        claims.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Every metric in the Prometheus text format 0.0.4; reads the database once, for the cluster's gauges. */
    public String scrape() {
        try {
            readings.set(cluster.read());
        } catch (RuntimeException e) {
            readings.set(null);
            LOG.log(Level.WARNING, "Could not read the cluster's gauges (scheduling lag, nodes) from the database;"
                    + " they show NaN until it answers. This node's own metrics are unaffected", e);
        }
        return registry.scrape();
    }

    private void registerEngineGauges() {
        gauge("clockwork.workers", "Worker threads of this node", () -> config.workers());
        gauge("clockwork.workers.busy", "Worker threads of this node running an action", workers::busy);
        gauge("clockwork.queue.size", "Fires claimed by this node waiting for a worker", workers::queued);
        gauge("clockwork.outcomes.unrecorded", "Runs of this node that ended and whose outcome is not in the database"
                + " yet (waiting for the recorder, or kept while the database is away)", workers::unrecordedOutcomes);
        Gauge.builder("clockwork.clock.offset", () -> clock.offset().toNanos() / 1e9)
                .description("This node's clock correction: the database's clock minus this node's system clock")
                .baseUnit("seconds").register(registry);
    }

    private void registerClusterGauges() {
        Gauge.builder("clockwork.scheduling.lag", () -> read(r -> r.schedulingLag().toNanos() / 1e9))
                .description("Age of the oldest fire that is due and not yet claimed by any node; 0 when none")
                .baseUnit("seconds").register(registry);
        for (NodeState state : NodeState.values()) {
            Gauge.builder("clockwork.nodes", () -> read(r -> r.nodes().getOrDefault(state, 0L)))
                    .description("Nodes of the cluster known to the database, by state")
                    .tag("state", state.name()).register(registry);
        }
    }

    /** Only with a replica configured: a node without one has nothing to report. */
    private void registerReplicaGauges() {
        if (!reads.configured()) {
            return;
        }
        Gauge.builder("clockwork.read.replica.lag", () -> reads.status()
                        .flatMap(ReplicaGuard.Status::lag).map(lag -> lag.toNanos() / 1e9).orElse(Double.NaN))
                .description("The read replica's lag as this node last measured it (NaN before the first measurement)")
                .baseUnit("seconds").register(registry);
        gauge("clockwork.read.replica.in.use", "1 while this node sends reads to the read replica, 0 while they go to"
                + " the primary (replica lagging or down)", () -> reads.status()
                .filter(status -> status.state() == ReplicaGuard.State.IN_USE).isPresent() ? 1 : 0);
    }

    /** A value of the last reading, or NaN (Prometheus's "no value") before the first or when it failed. */
    private double read(Function<ClusterReadings.Readings, Number> value) {
        ClusterReadings.Readings last = readings.get();
        return last == null ? Double.NaN : value.apply(last).doubleValue();
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    private static Duration[] seconds(double... values) {
        return Arrays.stream(values).mapToObj(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);
    }

    /** The run counters and the run-time histogram of one action label. */
    private final class ActionMeters {
        private final String action;
        /** Written once, here; only read afterwards. */
        private final Map<ExecutionStatus, Counter> runs = new EnumMap<>(ExecutionStatus.class);
        final Timer duration;

        ActionMeters(String action) {
            this.action = action;
            // The statuses a run on a worker ends with get their series from the start, so that rate() and
            // increase() see the first run.
            for (ExecutionStatus status : WORKER_STATUSES) {
                runs.put(status, counter(status));
            }
            duration = Timer.builder("clockwork.execution.duration")
                    .description("How long actions ran on this node, by action")
                    .tag("action", action).serviceLevelObjectives(RUN_BUCKETS).register(registry);
        }

        Counter runs(ExecutionStatus status) {
            Counter counter = runs.get(status);
            return counter != null ? counter : counter(status);
        }

        /** The registry returns the existing counter when there is one. */
        private Counter counter(ExecutionStatus status) {
            return Counter.builder("clockwork.executions")
                    .description("Runs of actions on this node that ended, by action and status")
                    .tag("action", action).tag("status", status.name()).register(registry);
        }
    }
}
