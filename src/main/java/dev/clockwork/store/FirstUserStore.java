package dev.clockwork.store;

/** Creates the first user of an empty database, once for the whole cluster however many nodes start at once. */
public interface FirstUserStore {

    /**
     * Inserts {@code user} (its id is allocated here) unless a user exists, in a transaction of its own.
     *
     * @return whether this call inserted it; false when another node (or an earlier start) created a user first
     * @throws IllegalStateException when the database cannot take it
     */
    boolean createIfNone(UserRow user);
}
