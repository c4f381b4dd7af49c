package dev.clockwork.rest;

import dev.clockwork.engine.ReadRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Set;

/**
 * Where the API reads (docs/decisions/043-reads-from-a-replica.md): a GET of the lists and details of tasks,
 * executions, nodes and the audit log, and of the metrics' cluster gauges, may read the replica; every other request
 * reads the primary. Every GET answers
 * {@code X-Clockwork-Read: replica} or {@code primary}, saying where it read. A change that succeeded keeps its user's
 * reads on the primary for the sticky window, on this node, whichever session or credentials they come with.
 */
@Provider
@ApplicationScoped
public class ReadLocation implements ContainerRequestFilter, ContainerResponseFilter {

    /** The header that says where a GET read. */
    public static final String HEADER = "X-Clockwork-Read";
    /** The first path segments whose GETs may read the replica. */
    static final Set<String> FROM_REPLICA = Set.of("tasks", "executions", "nodes", "audit", "metrics");
    private static final String ROUTED = ReadLocation.class.getName() + ".routed";

    @Inject
    ReadRouter reads;

    @Override
    public void filter(ContainerRequestContext request) {
        Principal user = request.getSecurityContext().getUserPrincipal();
        if (isRead(request) && FROM_REPLICA.contains(firstSegment(request))) {
            // Only the metrics are open without login (clockwork.metrics.public); an anonymous scrape changes nothing.
            reads.beginReads(user == null ? "" : user.getName());
            request.setProperty(ROUTED, Boolean.TRUE);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String where = request.getProperty(ROUTED) != null ? reads.endReads() : "primary";
        if (isRead(request)) {
            response.getHeaders().putSingle(HEADER, where);
        } else if (response.getStatus() < 400) {
            Principal user = request.getSecurityContext().getUserPrincipal();
            if (user != null) {
                reads.changed(user.getName());
            }
        }
    }

    private static boolean isRead(ContainerRequestContext request) {
        return HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
    }

    private static String firstSegment(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }
}
