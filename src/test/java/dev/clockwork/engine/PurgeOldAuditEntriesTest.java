package dev.clockwork.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.AuditEntry;
import dev.clockwork.api.AuditQuery;
import dev.clockwork.engine.rules.SecurityConfig;
import dev.clockwork.store.jpa.Dialect;
import dev.clockwork.store.jpa.StoreFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit retention chore on a real store (H2) and a fixed clock: it deletes what is past the retention. */
class PurgeOldAuditEntriesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private StoreFixture fixture;

    /** A database of each test's own: the chore's lock row is shared by everything in one. */
    @BeforeEach
    void open() {
        fixture = new StoreFixture(Dialect.H2, "jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "sa");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void purge_should_delete_entries_older_than_the_retention_and_keep_the_rest() {
        for (Duration age : List.of(Duration.ofDays(400), Duration.ofDays(91), Duration.ofDays(90).plusSeconds(1),
                Duration.ofDays(90).minusSeconds(1), Duration.ofDays(1))) {
            fixture.inTransaction(s -> {
                s.audit().append(new AuditEntry(0, NOW.minus(age), "alice", Optional.empty(), "task.update",
                        Optional.of("report"), "age " + age));
                return null;
            });
        }
        PurgeOldAuditEntries chore = chore(Clock.fixed(NOW, ZoneOffset.UTC));

        int deleted = fixture.inTransaction(s -> {
            chore.audit = s.audit();
            chore.cluster = s.cluster();
            return chore.purgeBatch();
        });

        assertThat(deleted).isEqualTo(3);
        assertThat(fixture.inTransaction(s -> s.audit().find(AuditQuery.newest(0, 10))).items())
                .extracting(AuditEntry::summary).containsExactly("age PT24H", "age PT2159H59M59S");
    }

    @Test
    void purge_should_do_nothing_while_another_node_holds_the_chore() {
        Instant later = NOW.plus(Duration.ofDays(1000));
        fixture.inTransaction(s -> s.cluster().tryLock(PurgeOldAuditEntries.CHORE, "other-node", later,
                later.plusSeconds(60)));
        fixture.inTransaction(s -> {
            s.audit().append(new AuditEntry(0, NOW, "alice", Optional.empty(), "login", Optional.empty(), "old"));
            return null;
        });
        PurgeOldAuditEntries chore = chore(Clock.fixed(later, ZoneOffset.UTC));

        int deleted = fixture.inTransaction(s -> {
            chore.audit = s.audit();
            chore.cluster = s.cluster();
            return chore.purgeBatch();
        });

        assertThat(deleted).isZero();
    }

    private static PurgeOldAuditEntries chore(Clock clock) {
        PurgeOldAuditEntries chore = new PurgeOldAuditEntries();
        chore.clock = clock;
        chore.config = SecurityConfig.defaults();
        chore.node = new NodeIdentity();
        return chore;
    }
}
