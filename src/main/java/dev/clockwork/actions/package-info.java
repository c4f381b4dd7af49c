/**
 * The actions every Clockwork deployment has: {@code log}, {@code noop}, {@code sleep}, and, where the server allows
 * them, {@code shell}, {@code http}, and {@code amqp} and {@code celery}, which hand fires to RabbitMQ through the
 * node's one connection ({@link dev.clockwork.actions.AmqpBroker}).
 */
package dev.clockwork.actions;
