package dev.clockwork.web;

import dev.clockwork.engine.ReadRouter;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * The console's pages read from the replica when one is in use (docs/decisions/043-reads-from-a-replica.md): a
 * logged-in user's page requests, GET or postback, open their reads here. Their changes run in transactions, which
 * read and write the primary, and keep that user on the primary for the sticky window from then on, within the same
 * request too. Login pages (no user yet) read the primary. The API opens its reads itself
 * ({@code rest.ReadLocation}); this filter also ends whatever a request left open on its thread.
 */
@WebFilter(filterName = "ReplicaReads", urlPatterns = "/*")
public class ReplicaReads extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String API = "/api/";

    @Inject
    transient ReadRouter reads;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Principal user = request.getUserPrincipal();
        if (user != null && !request.getRequestURI().startsWith(request.getContextPath() + API)) {
            reads.beginReads(user.getName());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            reads.endReads();
        }
    }
}
