package dev.clockwork.engine;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.time.Duration;

/**
 * Starts the engine's long-lived managed threads (the dispatch loop and the workers) when the web application
 * starts, and ends them when it stops. Created here, in the web module's context, the threads carry that context
 * for their whole life: the application's class loader and naming, and no EJB invocation (see {@link Workers}).
 * The EJB singletons ({@link Dispatcher}, {@link Heartbeat}) may start before or after: the loop claims nothing until
 * the poll timer first asks, and fires submitted before the workers start wait in the queue.
 */
@WebListener
public class EngineThreads implements ServletContextListener {

    /** Running actions get this long to finish when the application stops; {@link Heartbeat} waits as long. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    @Inject
    DispatchLoop loop;
    @Inject
    Workers workers;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        workers.start();
        loop.start();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        loop.stop();
        workers.drain(SHUTDOWN_GRACE);
        workers.stop();
    }
}
