package dev.clockwork.engine;

import dev.clockwork.engine.rules.EngineConfig;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Starts the engine's long-lived managed threads (the dispatch loop and the workers) when the web application
 * starts, and ends them when it stops. Created here, in the web module's context, the threads carry that context
 * for their whole life: the application's class loader and naming, and no EJB invocation (see {@link Workers}).
 * The EJB singletons ({@link Dispatcher}, {@link Heartbeat}) may start before or after: the loop claims nothing until
 * the poll timer first asks, and fires submitted before the workers start wait in the queue. At stop the node claims
 * no more, waits up to {@code clockwork.shutdown-grace} for running actions and hands back what still runs
 * ({@link Workers#drain}). A console node ({@code clockwork.workers=0}) starts no dispatch loop, so it never claims.
 */
@WebListener
public class EngineThreads implements ServletContextListener {

    @Inject
    DispatchLoop loop;
    @Inject
    Workers workers;
    @Inject
    EngineConfig config;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        LoadClassesAtStart.load(event.getServletContext(), EngineThreads.class.getClassLoader());
        workers.start();
        if (config.claimsWork()) {
            loop.start();
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        loop.stop();
        workers.drain(config.shutdownGrace());
        workers.stop();
    }
}
