/**
 * The store's adapter to a relational database: JPA entities, the JPA implementations of the store's interfaces,
 * the engine's hot-path statements in plain JDBC, SQL dialect differences, and the Flyway migration at startup.
 */
package dev.clockwork.store.jpa;
