package dev.clockwork.store;

/** Reads which schema version the shared database is at, against the one this node was built for. */
public interface SchemaHistory {

    /** Reads the schema history now: another node may have migrated the shared database since this one started. */
    SchemaVersion version();
}
