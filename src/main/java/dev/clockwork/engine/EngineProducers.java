package dev.clockwork.engine;

import dev.clockwork.engine.rules.ActionsConfig;
import dev.clockwork.engine.rules.AmqpConfig;
import dev.clockwork.engine.rules.EngineConfig;
import dev.clockwork.engine.rules.JmsConfig;
import dev.clockwork.engine.rules.MetricsAccess;
import dev.clockwork.engine.rules.OffsetClock;
import dev.clockwork.engine.rules.ReadConfig;
import dev.clockwork.engine.rules.Ticker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The one place that reads the system clock, the monotonic ticker, the server's zone and the environment. Everything else asks for the
 * injected {@link Clock} and {@link EngineConfig}. Both are produced once; they are not proxied (a record is final).
 */
@ApplicationScoped
public class EngineProducers {

    /** The system clock corrected by this node's measured offset to the database's clock. */
    private final OffsetClock clock = new OffsetClock(Clock.systemUTC());

    @Produces
    @Singleton
    Clock clock() {
        return clock;
    }

    @Produces
    @Singleton
    @Typed(OffsetClock.class)
    OffsetClock offsetClock() {
        return clock;
    }

    @Produces
    @Singleton
    Ticker ticker() {
        return System::nanoTime;
    }

    /**
     * Settings come from system properties ({@code -Dclockwork.workers=32}) or environment variables
     * ({@code CLOCKWORK_WORKERS=32}); a system property wins.
     */
    @Produces
    @Singleton
    EngineConfig engineConfig() {
        return EngineConfig.from(EngineProducers::setting, ZoneId.systemDefault());
    }

    /** Who may read the metrics: {@code clockwork.metrics.public} or {@code CLOCKWORK_METRICS_PUBLIC}. */
    @Produces
    @Singleton
    MetricsAccess metricsAccess() {
        return MetricsAccess.from(EngineProducers::setting);
    }

    /** What the shell and http actions may do: {@code clockwork.shell.*}, {@code clockwork.http.allow}. */
    @Produces
    @Singleton
    ActionsConfig actionsConfig() {
        return ActionsConfig.from(EngineProducers::setting);
    }

    /** Where the jms action sends: {@code clockwork.jms.connection-factory}, {@code clockwork.jms.allow}. */
    @Produces
    @Singleton
    JmsConfig jmsConfig() {
        return JmsConfig.from(EngineProducers::setting);
    }

    /** Where the amqp and celery actions publish: {@code clockwork.amqp.*}. */
    @Produces
    @Singleton
    AmqpConfig amqpConfig() {
        return AmqpConfig.from(EngineProducers::setting);
    }

    /** Reads from a replica: {@code clockwork.read.max-lag}, {@code .timeout}, {@code .sticky}. */
    @Produces
    @Singleton
    ReadConfig readConfig() {
        return ReadConfig.from(EngineProducers::setting);
    }

    static String setting(String key) {
        String value = System.getProperty(key);
        if (value != null) {
            return value;
        }
        return System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
}
