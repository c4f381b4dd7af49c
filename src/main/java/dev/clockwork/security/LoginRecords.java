package dev.clockwork.security;

import dev.clockwork.engine.AuditTrail;
import dev.clockwork.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/** Writes what a login attempt leaves behind: the audit entry, and the user's last login. */
@ApplicationScoped
@Transactional
public class LoginRecords {

    private static final Logger LOG = Logger.getLogger(LoginRecords.class.getName());

    @Inject
    UserStore users;
    @Inject
    AuditTrail audit;
    @Inject
    Clock clock;

    void succeeded(String username, String address, Logins.Channel channel) {
        users.recordLogin(username, clock.instant());
        audit.recordAs(username, address, "login", username, channel.label());
    }

    void failed(String username, String address, Logins.Channel channel) {
        LOG.warning(() -> "Failed " + channel.label() + " login for \"" + Excerpt.of(username) + "\" from " + address);
        audit.recordAs(Excerpt.of(username), address, "login.failed", Excerpt.of(username), channel.label());
    }

    void throttled(String username, String address, Logins.Channel channel, Duration wait) {
        LOG.warning(() -> "Throttled " + channel.label() + " logins for \"" + Excerpt.of(username) + "\" from "
                + address + " for " + wait.toSeconds() + " s after repeated failures");
        audit.recordAs(Excerpt.of(username), address, "login.throttled", Excerpt.of(username), channel.label()
                + ", refused for " + Math.max(1, wait.toSeconds()) + " s after repeated failures");
    }
}
