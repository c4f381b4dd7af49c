package dev.clockwork.store.jpa;

import dev.clockwork.store.ReadReplica.ReadPermit;
import dev.clockwork.store.ReadReplica.ReadSource;
import java.util.Optional;

/**
 * The reads of the current thread that may go to the replica: set by {@link JpaReadReplica#beginReads} on a request's
 * thread, consulted by {@link ReadRoutingDataSource} each time EclipseLink takes a connection for a read. Static
 * because EclipseLink creates the data source, not CDI; one class per deployment, so per application.
 */
final class ReadRouting {

    /** A thread's permit and where its reads went so far. */
    static final class Reads {
        final ReadPermit permit;
        boolean replica;
        boolean primary;

        Reads(ReadPermit permit) {
            this.permit = permit;
        }

        ReadSource source() {
            return primary ? ReadSource.PRIMARY : replica ? ReadSource.REPLICA : ReadSource.NONE;
        }
    }

    private static final ThreadLocal<Reads> CURRENT = new ThreadLocal<>();

    private ReadRouting() {
    }

    static void begin(ReadPermit permit) {
        CURRENT.set(new Reads(permit));
    }

    static Optional<Reads> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static ReadSource end() {
        Reads reads = CURRENT.get();
        CURRENT.remove();
        return reads == null ? ReadSource.NONE : reads.source();
    }
}
