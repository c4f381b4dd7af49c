package dev.clockwork.store.jpa;

import java.util.List;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Where Clockwork keeps its data: the data source an administrator defined in the server under {@code jdbc/clockwork}
 * (Payara binds server resources under their plain name, WildFly under {@code java:/}), else the server's default
 * data source, an embedded H2 database on Payara and WildFly. One node only on the default: it is not shared. Beside
 * it, optionally, a read-only replica under {@code jdbc/clockwork-read} (docs/decisions/043-reads-from-a-replica.md).
 */
public final class DataSources {

    /** The documented name, and the names a server binds it under. */
    public static final String SERVER_NAME = "jdbc/clockwork";
    static final List<String> SERVER_BINDINGS = List.of(SERVER_NAME, "java:/" + SERVER_NAME);
    /** The documented name of the optional read-only replica, and the names a server binds it under. */
    public static final String READ_NAME = "jdbc/clockwork-read";
    static final List<String> READ_BINDINGS = List.of(READ_NAME, "java:/" + READ_NAME);
    /** The Jakarta EE default data source, which the persistence unit names and every server defines. */
    static final String DEFAULT_NAME = "java:comp/DefaultDataSource";

    private DataSources() {
    }

    /** A data source and the JNDI name it was found under. */
    public record Found(String name, DataSource dataSource) {
        public boolean serverDefined() {
            return !DEFAULT_NAME.equals(name);
        }
    }

    /** The data source the server defines for Clockwork, if it defines one. */
    static Optional<Found> serverDefined() {
        for (String name : SERVER_BINDINGS) {
            Optional<Found> found = lookup(name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The read-only replica the server defines for Clockwork, if it defines one. Only with a server-defined primary:
     * a node on the server's embedded default database has nothing to replicate.
     */
    static Optional<Found> readReplica() {
        if (serverDefined().isEmpty()) {
            return Optional.empty();
        }
        for (String name : READ_BINDINGS) {
            Optional<Found> found = lookup(name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The server's data source for Clockwork, else the default one. */
    static Found choose() {
        return serverDefined().or(() -> lookup(DEFAULT_NAME)).orElseThrow(() -> new IllegalStateException(
                "The server defines neither " + SERVER_NAME + " nor " + DEFAULT_NAME + ": define the data source "
                        + SERVER_NAME + " (see server-config/ and the README)"));
    }

    private static Optional<Found> lookup(String name) {
        try {
            return new InitialContext().lookup(name) instanceof DataSource dataSource
                    ? Optional.of(new Found(name, dataSource)) : Optional.empty();
        } catch (NamingException absent) {
            return Optional.empty();
        }
    }
}
