package dev.clockwork.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The optional read-only copy of the database (a streaming replica), which the server defines as
 * {@code jdbc/clockwork-read}. Only reads that a thread opens with {@link #beginReads} and that run outside any
 * transaction may go to it; everything else, and everything when it is not configured, reads the primary.
 */
public interface ReadReplica {

    /** Where the reads of a thread went between {@link #beginReads} and {@link #endReads}. */
    enum ReadSource {
        /** Every read went to the replica. */
        REPLICA,
        /** At least one read went to the primary. */
        PRIMARY,
        /** Nothing was read. */
        NONE
    }

    /** Asked at each read of a thread that may use the replica. */
    interface ReadPermit {

        /** Whether this read may go to the replica. */
        boolean replicaAllowed();

        /** The replica failed this read (it was then served by the primary); {@code reason} says how. */
        void replicaFailed(String reason);
    }

    /** Whether the server defines the replica's data source. */
    boolean configured();

    /** The JNDI name of the replica's data source, as documented. */
    String dataSourceName();

    /**
     * The heartbeat of node {@code nodeId} as the replica shows it, read within {@code timeout}.
     *
     * @return empty when the replica has no row of that node (yet)
     * @throws IllegalStateException when the replica is not configured, or does not answer
     */
    Optional<Instant> heartbeatSeen(String nodeId, Duration timeout);

    /**
     * Lets the reads this thread makes outside a transaction go to the replica when {@code permit} allows, until
     * {@link #endReads}; a thread that never calls this reads the primary.
     */
    void beginReads(ReadPermit permit);

    /** Ends what {@link #beginReads} began on this thread (harmless when nothing was begun); says where reads went. */
    ReadSource endReads();
}
