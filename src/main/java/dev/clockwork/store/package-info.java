/**
 * The store's contract: the records the engine reads and writes ({@link dev.clockwork.store.TaskRow},
 * {@link dev.clockwork.store.ExecutionRow}, ...) and the interfaces ({@link dev.clockwork.store.TaskStore},
 * {@link dev.clockwork.store.ClusterStore}, {@link dev.clockwork.store.UserStore}) that
 * {@link dev.clockwork.store.jpa} implements. Nothing here knows JPA or SQL.
 */
package dev.clockwork.store;
