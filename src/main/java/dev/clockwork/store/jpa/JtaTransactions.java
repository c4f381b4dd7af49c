package dev.clockwork.store.jpa;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Whether the current thread is in a JTA transaction, from the server's transaction synchronization registry. When the
 * registry cannot be found it answers yes, so that a read it cannot place stays on the primary.
 */
final class JtaTransactions implements BooleanSupplier {

    private static final Logger LOG = Logger.getLogger(JtaTransactions.class.getName());
    static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private volatile TransactionSynchronizationRegistry registry;

    @Override
    public boolean getAsBoolean() {
        TransactionSynchronizationRegistry found = registry;
        if (found == null) {
            try {
                found = (TransactionSynchronizationRegistry) new InitialContext().lookup(REGISTRY);
                registry = found;
            } catch (NamingException | ClassCastException e) {
                LOG.log(Level.WARNING, "No " + REGISTRY + " on this thread; the read goes to the primary", e);
                return true;
            }
        }
        return found.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
    }
}
