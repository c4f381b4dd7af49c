package dev.clockwork.engine;

import dev.clockwork.api.AuditEntry;
import dev.clockwork.api.AuditQuery;
import dev.clockwork.api.Page;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.store.AuditStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * Writes and reads the audit log. An entry joins the caller's transaction, so it commits with the change it
 * describes and disappears with it when the change rolls back; without one (a login) it is a transaction of its own.
 */
@ApplicationScoped
@Transactional
public class AuditTrail {

    /** The largest page of audit entries one request reads. */
    public static final int MAX_PAGE = 1000;

    @Inject
    AuditStore store;
    @Inject
    Clock clock;
    @Inject
    CurrentUser user;
    @Inject
    CallerAddress address;
    @Inject
    ReadRouter reads;

    /** Records a change by the current caller (or {@code system}), from the address of the current request. */
    public void record(String action, String target, String summary) {
        String actor = user.name();
        append(actor, address.get(), action, target, summary);
        // Read-your-writes: every change a user makes is recorded here, so this is where their reads leave the replica.
        reads.changed(actor);
    }

    /** Records something done by {@code actor} from {@code from}, who is not (yet) the caller: a login attempt. */
    public void recordAs(String actor, String from, String action, String target, String summary) {
        append(actor, Optional.ofNullable(from), action, target, summary);
    }

    private void append(String actor, Optional<String> from, String action, String target, String summary) {
        store.append(new AuditEntry(0, clock.instant(), actor, from, action, Optional.ofNullable(target), summary));
    }

    /**
     * A page of entries, newest first.
     *
     * @throws SchedulerException INVALID when the page is out of bounds or {@code from} is not before {@code to}
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEntry> find(AuditQuery query) {
        if (query.limit() > MAX_PAGE) {
            throw SchedulerException.invalid("limit", "limit must be 1-" + MAX_PAGE + ", was " + query.limit() + ".");
        }
        if (query.from().isPresent() && query.to().isPresent() && !query.from().get().isBefore(query.to().get())) {
            throw SchedulerException.invalid("from", "from (" + query.from().get() + ") must be before to ("
                    + query.to().get() + ").");
        }
        return store.find(query);
    }
}
