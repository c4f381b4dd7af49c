package dev.clockwork.security;

import dev.clockwork.store.UserRow;
import java.util.ArrayList;
import java.util.List;

/** The audit log's before-to-after summary of an admin's change to a user; a new password shows only as "reset". */
final class AccountChanges {

    private AccountChanges() {
    }

    static String between(UserRow before, UserRow after) {
        List<String> changes = new ArrayList<>();
        String roleBefore = Roles.highest(before.roles());
        String roleAfter = Roles.highest(after.roles());
        if (!roleBefore.equals(roleAfter)) {
            changes.add("role " + roleBefore + " → " + roleAfter);
        }
        if (before.enabled() != after.enabled()) {
            changes.add(after.enabled() ? "enabled" : "disabled");
        }
        if (!before.passwordHash().equals(after.passwordHash())) {
            changes.add("password reset");
        }
        if (before.mustChangePassword() != after.mustChangePassword()) {
            changes.add("must change password " + before.mustChangePassword() + " → " + after.mustChangePassword());
        }
        return changes.isEmpty() ? "no change" : String.join("; ", changes);
    }
}
