/**
 * The trigger language (cron, at, every, in) and its fire-time math: plain Java, no dependency beyond the JDK.
 */
package dev.clockwork.trigger;
