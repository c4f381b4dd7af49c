package dev.clockwork.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Who is making a change: the logged-in caller, or "system" for code running without one. */
@ApplicationScoped
public class CurrentUser {

    private static final Logger LOG = Logger.getLogger(CurrentUser.class.getName());

    @Inject
    SecurityContext security;

    public String name() {
        try {
            return Optional.ofNullable(security.getCallerPrincipal()).map(Principal::getName).orElse("system");
        } catch (IllegalStateException e) {
            // Code on a thread with no caller context (a timer, a managed thread) acts as the system.
            LOG.log(Level.FINEST, "No caller context; recording the change as made by the system", e);
            return "system";
        }
    }
}
