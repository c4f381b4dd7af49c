/**
 * The engine's rules in plain Java (no Jakarta EE): task validation, what a claim and a finished run do to a task's
 * schedule, and how outcomes are bounded for storage. Unit-tested without a container.
 */
package dev.clockwork.engine.rules;
