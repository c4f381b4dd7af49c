package dev.clockwork.store;

import java.util.Optional;

/**
 * The schema version this node's migrations lead to, and the database's.
 *
 * @param expected the highest version among this node's migrations
 * @param current the highest version applied to the database, empty when none is
 * @param pending this node's migrations not applied yet
 */
public record SchemaVersion(String expected, Optional<String> current, int pending) {

    /** Whether the database is at exactly the version this node was built for. */
    public boolean atExpected() {
        return pending == 0 && current.filter(expected::equals).isPresent();
    }
}
