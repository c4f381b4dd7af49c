/**
 * The engine's Jakarta EE adapters: the dispatcher woken by an EJB timer, claiming due tasks, running actions on
 * managed threads, recording outcomes, and the {@link dev.clockwork.api.Scheduler} implementation. The rules they
 * apply live in {@code engine.rules}.
 */
package dev.clockwork.engine;
