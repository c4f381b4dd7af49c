package dev.clockwork.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.AuditTrail;
import dev.clockwork.engine.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of managing users: last admin, password policy, must-change on reset, and what is audited. */
class UsersTest {

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final List<String> audited = new ArrayList<>();
    private Users users;

    @BeforeEach
    void wire() {
        users = new Users();
        users.store = store;
        users.clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
        users.passwords = new PasswordHashing() {
            @Override
            public String hash(char[] password) {
                return "hash:" + new String(password);
            }
        };
        users.audit = new AuditTrail() {
            @Override
            public void record(String action, String target, String summary) {
                audited.add(action + " " + target + ": " + summary);
            }
        };
        users.caller = new CurrentUser() {
            @Override
            public String name() {
                return "root";
            }
        };
        users.create("root", "first-admin-pw".toCharArray(), Roles.upTo(Roles.ADMIN));
        users.create("olga", "operator-pw".toCharArray(), Roles.upTo(Roles.OPERATOR));
    }

    @Test
    void a_username_that_urls_read_as_a_path_step_should_be_refused_naming_the_field() {
        for (String name : new String[] {".", ".."}) {
            assertThatThrownBy(() -> users.create(name, "a-long-password".toCharArray(), Roles.upTo(Roles.VIEWER)))
                    .isInstanceOfSatisfying(SchedulerException.class,
                            e -> assertThat(e.field()).contains("username"));
        }
        assertThat(users.create("...", "a-long-password".toCharArray(), Roles.upTo(Roles.VIEWER))).isTrue();
    }

    @Test
    void the_last_enabled_admin_should_not_be_deleted_disabled_or_demoted() {
        for (AccountChange change : List.of(change(Optional.of(Roles.OPERATOR), Optional.empty()),
                change(Optional.empty(), Optional.of(false)))) {
            assertThatThrownBy(() -> users.update("root", change)).isInstanceOf(SchedulerException.class)
                    .hasMessageContaining("last enabled admin")
                    .satisfies(e -> assertThat(((SchedulerException) e).reason())
                            .isEqualTo(SchedulerException.Reason.CONFLICT));
        }
        assertThatThrownBy(() -> users.delete("root")).hasMessageContaining("last enabled admin");

        users.update("olga", change(Optional.of(Roles.ADMIN), Optional.empty()));
        users.update("root", change(Optional.empty(), Optional.of(false)));

        assertThatThrownBy(() -> users.delete("olga")).as("root is disabled: olga is the last enabled admin")
                .hasMessageContaining("last enabled admin");
        assertThat(users.find("root").orElseThrow().enabled()).isFalse();
    }

    @Test
    void a_reset_password_should_be_checked_hashed_and_must_be_changed_unless_said_otherwise() {
        assertThatThrownBy(() -> users.update("olga", password("password123", Optional.empty())))
                .isInstanceOf(SchedulerException.class).hasMessageContaining("most common");

        UserAccount reset = users.update("olga", password("a-new-secret", Optional.empty()));
        UserAccount serviceAccount = users.update("olga", password("another-secret", Optional.of(false)));

        UserAccount own = users.update("root", password("roots-own-secret", Optional.empty()));

        assertThat(own.mustChangePassword()).as("set by the user themself").isFalse();
        assertThat(reset.mustChangePassword()).isTrue();
        assertThat(serviceAccount.mustChangePassword()).isFalse();
        assertThat(store.users.get("olga").passwordHash()).isEqualTo("hash:another-secret");
        assertThat(audited).contains("user.update olga: password reset; must change password false → true")
                .noneMatch(line -> line.contains("secret"));
    }

    @Test
    void changes_should_be_audited_with_before_and_after_and_unknown_users_should_be_not_found() {
        users.update("olga", change(Optional.of(Roles.VIEWER), Optional.of(false)));
        users.delete("olga");

        assertThat(audited).containsExactly("user.create root: role clockwork-admin",
                "user.create olga: role clockwork-operator",
                "user.update olga: role clockwork-operator → clockwork-viewer; disabled",
                "user.delete olga: deleted (role clockwork-viewer)");
        assertThatThrownBy(() -> users.delete("olga")).isInstanceOf(SchedulerException.class)
                .satisfies(e -> assertThat(((SchedulerException) e).reason())
                        .isEqualTo(SchedulerException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> users.update("root", change(Optional.of("clockwork-root"), Optional.empty())))
                .hasMessageContaining("role must be one of");
    }

    private static AccountChange change(Optional<String> role, Optional<Boolean> enabled) {
        return new AccountChange(role, enabled, Optional.empty(), Optional.empty());
    }

    private static AccountChange password(String password, Optional<Boolean> mustChange) {
        return new AccountChange(Optional.empty(), Optional.empty(), Optional.of(password.toCharArray()), mustChange);
    }
}
