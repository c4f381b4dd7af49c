package dev.clockwork.engine;

import dev.clockwork.engine.rules.ReconcileDeclarations;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At deployment, reconciles the tasks declared in code ({@link dev.clockwork.api.Recurring}) with the database, on
 * every node, before the node dispatches. A failure is logged and does not stop the deployment: the tasks already in
 * the database fire as they are, and the next deployment tries again.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeclaredTasks {

    private static final Logger LOG = Logger.getLogger(DeclaredTasks.class.getName());
    /** Tries of a reconciliation that lost a race it cannot win by waiting (a task changed meanwhile). */
    private static final int TRIES = 3;

    @Inject
    Declarations declarations;
    @Inject
    DeclarationSync sync;
    @Inject
    NodeIdentity node;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // lifecycle callbacks default to REQUIRED
    void reconcile() {
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            try {
                ReconcileDeclarations.Result result = sync.reconcile(declarations.tasks());
                log(result);
                return;
            } catch (RuntimeException e) {
                int tried = attempt;
                LOG.log(tried < TRIES ? Level.INFO : Level.WARNING, () -> "Node " + node.id() + " could not reconcile"
                        + " the declared tasks (try " + tried + " of " + TRIES + "): " + e);
            }
        }
    }

    private void log(ReconcileDeclarations.Result result) {
        result.skipped().forEach((name, why) -> LOG.warning(() -> "Declared task " + name + " is skipped: " + why));
        if (!result.created().isEmpty() || !result.changed().isEmpty() || !result.undeclared().isEmpty()) {
            LOG.info(() -> "Declared tasks reconciled by node " + node.id() + ": created " + result.created()
                    + ", changed " + result.changed() + ", no longer declared (paused) " + result.undeclared()
                    + ", unchanged " + result.unchanged().size());
        }
    }
}
