package dev.clockwork.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.Page;
import dev.clockwork.api.AuditEntry;
import dev.clockwork.api.AuditQuery;
import dev.clockwork.store.UserRow;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What every database must do for the user and audit stores, on H2, MariaDB and PostgreSQL, each with a session zone
 * that is not UTC.
 */
abstract class AccountStoreContractTest extends ContractTestBase {

    private static final Instant T0 = Instant.parse("2026-03-29T00:59:59.123456Z");
    private static final String ADMIN = "clockwork-admin";
    private static final String VIEWER = "clockwork-viewer";

    @Test
    void a_new_user_should_be_enabled_never_logged_in_and_listed_by_name() {
        String prefix = unique();
        insert(user(prefix + "b", Set.of(VIEWER)));
        insert(user(prefix + "a", Set.of(VIEWER)));

        List<UserRow> users = fixture.inTransaction(s -> s.users().list()).stream()
                .filter(u -> u.username().startsWith(prefix)).toList();

        assertThat(users).extracting(UserRow::username).containsExactly(prefix + "a", prefix + "b");
        assertThat(users.get(0).enabled()).isTrue();
        assertThat(users.get(0).mustChangePassword()).isFalse();
        assertThat(users.get(0).lastLoginAt()).isEmpty();
    }

    @Test
    void update_account_should_store_roles_enabled_hash_and_must_change_and_a_new_password_should_clear_must_change() {
        UserRow user = insert(user(unique() + "u", Set.of(VIEWER)));
        Instant later = T0.plusSeconds(60);

        boolean updated = yes(s -> s.users().updateAccount(
                user.withAccount(Set.of(ADMIN, VIEWER), false, "new-hash", true, later)));
        UserRow changed = find(user.username());

        assertThat(updated).isTrue();
        assertThat(changed.roles()).containsExactlyInAnyOrder(ADMIN, VIEWER);
        assertThat(changed.enabled()).isFalse();
        assertThat(changed.mustChangePassword()).isTrue();
        assertThat(changed.passwordHash()).isEqualTo("new-hash");
        assertThat(changed.updatedAt()).isEqualTo(later);

        fixture.inTransaction(s -> s.users().changePasswordHash(user.username(), "newer-hash", later));
        assertThat(find(user.username()).mustChangePassword()).isFalse();
        assertThat(yes(s -> s.users().updateAccount(user(unique() + "none", Set.of(VIEWER)))))
                .isFalse();
    }

    @Test
    void record_login_should_keep_the_time_to_the_microsecond_and_delete_should_remove_the_user() {
        UserRow user = insert(user(unique() + "u", Set.of(VIEWER)));
        Instant login = Instant.parse("2026-10-25T01:30:00.654321Z");

        fixture.inTransaction(s -> {
            s.users().recordLogin(user.username(), login);
            return null;
        });
        assertThat(find(user.username()).lastLoginAt()).contains(login);

        assertThat(yes(s -> s.users().delete(user.username()))).isTrue();
        assertThat(yes(s -> s.users().findByUsername(user.username()).isPresent())).isFalse();
        assertThat(yes(s -> s.users().delete(user.username()))).isFalse();
    }

    @Test
    void lock_enabled_with_role_should_name_enabled_holders_only_and_hold_them_until_the_transaction_ends()
            throws Exception {
        String prefix = unique();
        UserRow enabled = insert(user(prefix + "admin", Set.of(ADMIN, VIEWER)));
        UserRow disabled = insert(user(prefix + "off", Set.of(ADMIN, VIEWER)));
        fixture.inTransaction(s -> s.users().updateAccount(disabled.withAccount(disabled.roles(), false,
                disabled.passwordHash(), false, T0)));
        insert(user(prefix + "viewer", Set.of(VIEWER)));

        EntityManager holder = fixture.newEntityManager();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            holder.getTransaction().begin();
            List<String> admins = fixture.stores(holder).users().lockEnabledWithRole(ADMIN);
            assertThat(admins).contains(enabled.username()).doesNotContain(disabled.username(),
                    prefix + "viewer");

            Future<List<String>> waiter = other.submit(() -> fixture.inTransaction(
                    (Function<StoreFixture.Stores, List<String>>) s -> s.users().lockEnabledWithRole(ADMIN)));
            // The other transaction must wait for the lock; it may not finish while this one holds the rows.
            assertThatThrownBy(() -> waiter.get(1, TimeUnit.SECONDS)).as("a second lock of the same admins waits")
                    .isInstanceOf(TimeoutException.class);
            fixture.stores(holder).users().updateAccount(enabled.withAccount(Set.of(VIEWER), true,
                    enabled.passwordHash(), false, T0));
            holder.getTransaction().commit();

            assertThat(waiter.get(30, TimeUnit.SECONDS)).doesNotContain(enabled.username());
        } finally {
            if (holder.getTransaction().isActive()) {
                holder.getTransaction().rollback();
            }
            holder.close();
            other.shutdownNow();
        }
    }

    @Test
    void audit_entries_should_come_back_newest_first_and_filtered_by_each_field() {
        String actor = unique() + "alice";
        String target = unique() + "task";
        append(entry(T0, actor, "task.create", target, "created"));
        append(entry(T0.plusSeconds(10), actor, "task.pause", target, "ACTIVE → PAUSED"));
        append(entry(T0.plusSeconds(20), actor, "user.update", unique() + "bob", "role viewer → operator"));
        append(entry(T0.plusSeconds(30), unique() + "carol", "task.delete", target, "deleted"));

        Page<AuditEntry> byActor = find(new AuditQuery(Optional.of(actor), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 50));
        Page<AuditEntry> byTarget = find(new AuditQuery(Optional.empty(), Optional.of(target), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 2));
        Page<AuditEntry> byActionAndTime = find(new AuditQuery(Optional.of(actor), Optional.empty(),
                Optional.of("task.pause"), Optional.of(T0.plusSeconds(10)), Optional.of(T0.plusSeconds(11)), 0, 50));
        Page<AuditEntry> beforeTo = find(new AuditQuery(Optional.of(actor), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(T0.plusSeconds(10)), 0, 50));

        assertThat(byActor.items()).extracting(AuditEntry::action)
                .containsExactly("user.update", "task.pause", "task.create");
        assertThat(byActor.total()).isEqualTo(3);
        assertThat(byTarget.items()).extracting(AuditEntry::action).containsExactly("task.delete", "task.pause");
        assertThat(byTarget.total()).isEqualTo(3);
        assertThat(byActionAndTime.items()).singleElement().satisfies(e -> {
            assertThat(e.at()).isEqualTo(T0.plusSeconds(10));
            assertThat(e.summary()).isEqualTo("ACTIVE → PAUSED");
            assertThat(e.address()).contains("192.0.2.7");
            assertThat(e.target()).contains(target);
        });
        assertThat(beforeTo.items()).extracting(AuditEntry::action).containsExactly("task.create");
    }

    @Test
    void an_audit_entry_should_keep_unicode_and_cut_long_values_to_the_columns() {
        String actor = unique() + "élodie";
        append(new AuditEntry(0, T0, actor, Optional.empty(), "user.create", Optional.of("x".repeat(500)),
                "ü→".repeat(2000)));

        AuditEntry read = find(new AuditQuery(Optional.of(actor), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 10)).items().get(0);

        assertThat(read.actor()).isEqualTo(actor);
        assertThat(read.address()).isEmpty();
        assertThat(read.target().orElseThrow()).hasSize(AuditEntry.TARGET_MAX);
        assertThat(read.summary()).hasSize(AuditEntry.SUMMARY_MAX).startsWith("ü→ü→");
    }

    @Test
    void delete_older_than_should_delete_only_older_entries_at_most_the_given_number() {
        String actor = unique() + "old";
        // Long before every other test's entries, so that the count deleted here is this test's alone.
        Instant old = Instant.parse("2001-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            append(entry(old.plusSeconds(i), actor, "login", actor, "console"));
        }
        append(entry(old.plusSeconds(100), actor, "login", actor, "console"));

        int first = fixture.inTransaction(s -> s.audit().deleteOlderThan(old.plusSeconds(100), 3));
        int second = fixture.inTransaction(s -> s.audit().deleteOlderThan(old.plusSeconds(100), 3));
        int third = fixture.inTransaction(s -> s.audit().deleteOlderThan(old.plusSeconds(100), 3));

        assertThat(List.of(first, second, third)).containsExactly(3, 2, 0);
        assertThat(find(new AuditQuery(Optional.of(actor), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 10)).items()).extracting(AuditEntry::at).containsExactly(old.plusSeconds(100));
    }

    private UserRow insert(UserRow user) {
        return fixture.inTransaction(s -> s.users().insert(user)).orElseThrow();
    }

    private boolean yes(Function<StoreFixture.Stores, Boolean> work) {
        return fixture.inTransaction(work);
    }

    private UserRow find(String username) {
        return fixture.inTransaction(s -> s.users().findByUsername(username)).orElseThrow();
    }

    private void append(AuditEntry entry) {
        fixture.inTransaction(s -> {
            s.audit().append(entry);
            return null;
        });
    }

    private Page<AuditEntry> find(AuditQuery query) {
        return fixture.inTransaction((Function<StoreFixture.Stores, Page<AuditEntry>>) s -> s.audit().find(query));
    }

    private static AuditEntry entry(Instant at, String actor, String action, String target, String summary) {
        return new AuditEntry(0, at, actor, Optional.of("192.0.2.7"), action, Optional.of(target), summary);
    }

    private static UserRow user(String username, Set<String> roles) {
        return new UserRow(0, username, "hash-of-" + username, roles, T0, T0);
    }

    private static String unique() {
        return "a" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }
}
