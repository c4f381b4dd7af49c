package dev.clockwork.engine;

import dev.clockwork.engine.rules.EngineConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's poll timer: a non-persistent EJB interval timer that ticks every poll interval and asks the
 * {@link DispatchLoop} to look for due tasks, so that rows other nodes wrote are noticed. Between ticks the loop wakes
 * itself at the next known due time. The callback only signals the loop; it never lets an exception out, because the
 * server drops a non-persistent timer whose callback fails twice.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "Heartbeat"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    @Resource
    TimerService timers;
    @Inject
    DispatchLoop loop;
    @Inject
    EngineConfig config;
    @Inject
    NodeIdentity node;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // lifecycle callbacks default to REQUIRED
    void start() {
        if (!config.claimsWork()) {
            LOG.info(() -> "Clockwork node " + node.id() + " is a console node (clockwork.workers=0): it serves the"
                    + " console, the API and the Scheduler bean, and claims no work");
            return;
        }
        long poll = config.pollInterval().toMillis();
        timers.createIntervalTimer(0, Math.max(1, poll), new TimerConfig("clockwork-poll", false));
        LOG.info(() -> "Clockwork node " + node.id() + " dispatching every " + config.pollInterval() + " with "
                + config.workers() + " workers");
    }

    @PreDestroy
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // lifecycle callbacks default to REQUIRED
    void stop() {
        for (Timer timer : timers.getTimers()) {
            cancelQuietly(timer);
        }
        loop.stop();
    }

    @Timeout
    void onTimer(Timer timer) {
        try {
            loop.poll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not wake the dispatch loop; retrying at the next poll", e);
        }
    }

    private static void cancelQuietly(Timer timer) {
        try {
            timer.cancel();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Timer already gone at shutdown", e);
        }
    }
}
