package dev.clockwork.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The network address of the HTTP request being served, for the audit log; empty for code that runs outside a
 * request (timers, the engine's threads). The peer's address as the server sees it: a header such as
 * {@code X-Forwarded-For} is not trusted, as any client can send one.
 */
@ApplicationScoped
public class CallerAddress {

    private static final Logger LOG = Logger.getLogger(CallerAddress.class.getName());

    @Inject
    HttpServletRequest request;

    public Optional<String> get() {
        try {
            return Optional.ofNullable(request.getRemoteAddr());
        } catch (RuntimeException e) {
            // No request on this thread (the request scope is not active, or it holds no servlet request).
            LOG.log(Level.FINEST, "No HTTP request; the audit entry has no address", e);
            return Optional.empty();
        }
    }
}
