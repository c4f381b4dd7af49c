package dev.clockwork.security;

import dev.clockwork.store.UserRow;
import dev.clockwork.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The console's logins, kept in the HTTP session by the application and not by the container: only the console
 * has sessions (the API reads its credentials from every request), and each console request checks that the
 * user still exists, is enabled and still has the password of the login, so that deleting or disabling a user or
 * changing the password ends the user's other sessions at their next request.
 */
@ApplicationScoped
public class ConsoleSessions {

    private static final Logger LOG = Logger.getLogger(ConsoleSessions.class.getName());

    @Inject
    UserStore users;

    /** After a valid form login: a new session id that remembers the user and the stamp of their password. */
    void start(HttpServletRequest request, HttpServletResponse response, String username) {
        UserRow user = users.findByUsername(username).orElseThrow(() -> new IllegalStateException(
                "User " + username + " passed the identity store but has no row in cw_user"));
        request.getSession();
        // An id the browser held before the login (perhaps planted by someone else: fixation) is worth nothing now.
        request.changeSessionId();
        request.getSession().setAttribute(ConsoleLogin.ATTRIBUTE,
                new ConsoleLogin(user.username(), CredentialStamp.of(user.passwordHash())));
        LoginCookie.send(request, response);
    }

    /**
     * The user of the session's console login, as stored now (with their current roles); empty when the session
     * has no login. A session whose user is gone or whose password changed after the login is ended here.
     */
    Optional<UserRow> resume(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ConsoleLogin.ATTRIBUTE) instanceof ConsoleLogin login)) {
            return Optional.empty();
        }
        Optional<UserRow> user = users.findByUsername(login.username());
        if (user.isPresent() && user.get().enabled() && login.stamp().matches(user.get().passwordHash())) {
            return user;
        }
        LOG.info(() -> "Ended a console session of " + login.username() + ": " + (user.isEmpty()
                ? "the user no longer exists" : !user.get().enabled() ? "the user was disabled"
                : "the password was changed") + " since its login");
        session.invalidate();
        return Optional.empty();
    }

    /** Keeps this session logged in after its user changed their password in it (other sessions end). */
    public void restamp(HttpServletRequest request, CredentialStamp stamp) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ConsoleLogin.ATTRIBUTE) instanceof ConsoleLogin login) {
            session.setAttribute(ConsoleLogin.ATTRIBUTE, new ConsoleLogin(login.username(), stamp));
        }
    }
}
