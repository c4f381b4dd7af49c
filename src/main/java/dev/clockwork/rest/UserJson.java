package dev.clockwork.rest;

import dev.clockwork.security.UserAccount;
import java.time.Instant;

/** A user as the API shows it; never a password or its hash. */
public class UserJson {

    public String username;
    public String role;
    public boolean enabled;
    public boolean mustChangePassword;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant lastLoginAt;

    static UserJson of(UserAccount account) {
        UserJson json = new UserJson();
        json.username = account.username();
        json.role = account.role();
        json.enabled = account.enabled();
        json.mustChangePassword = account.mustChangePassword();
        json.createdAt = account.createdAt();
        json.updatedAt = account.updatedAt();
        json.lastLoginAt = account.lastLoginAt().orElse(null);
        return json;
    }
}
