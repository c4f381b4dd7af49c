package dev.clockwork.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Who is making a change: the logged-in caller, or "system" for code running without one. */
@ApplicationScoped
public class CurrentUser {

    private static final Logger LOG = Logger.getLogger(CurrentUser.class.getName());
    private static final String SYSTEM = "system";
    private static final String ANONYMOUS = "anonymous";
    /** The least role of every Clockwork user ({@code security.Roles.VIEWER}). */
    private static final String VIEWER = "clockwork-viewer";
    /** The role that may define what runs programs on the server ({@code security.Roles.ADMIN}). */
    private static final String ADMIN = "clockwork-admin";

    @Inject
    SecurityContext security;

    public String name() {
        try {
            Principal caller = security.getCallerPrincipal();
            // WildFly names the caller of code that nobody logged in to "anonymous"; a Clockwork user holds the viewer
            // role at least.
            if (caller == null || caller.getName().equals(ANONYMOUS) && !security.isCallerInRole(VIEWER)) {
                return SYSTEM;
            }
            return caller.getName();
        } catch (IllegalStateException e) {
            // Code on a thread with no caller context (a timer, a managed thread) acts as the system.
            LOG.log(Level.FINEST, "No caller context; recording the change as made by the system", e);
            return SYSTEM;
        }
    }

    /**
     * Whether the caller may define tasks that run programs on the server: an admin, or the application's own code
     * (no caller), which the deployer trusts as much as the server.
     */
    public boolean isAdminOrSystem() {
        if (SYSTEM.equals(name())) {
            return true;
        }
        try {
            return security.isCallerInRole(ADMIN);
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
