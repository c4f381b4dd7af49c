/** The actions every Clockwork deployment has: {@code log} and {@code noop}. */
package dev.clockwork.actions;
