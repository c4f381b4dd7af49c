/**
 * Persistence: JPA entities and the store interfaces ({@link dev.clockwork.store.TaskStore},
 * {@link dev.clockwork.store.UserStore}) behind which all JPA code and SQL dialect differences stay.
 */
package dev.clockwork.store;
