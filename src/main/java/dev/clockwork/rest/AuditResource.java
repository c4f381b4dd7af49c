package dev.clockwork.rest;

import dev.clockwork.api.AuditQuery;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.AuditTrail;
import dev.clockwork.security.Excerpt;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** {@code GET /audit}: who changed what, newest first, filtered (web.xml lets only admins in). */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditTrail audit;

    @GET
    public PageJson<AuditJson> list(@QueryParam("offset") @DefaultValue("0") String offset,
                                    @QueryParam("limit") @DefaultValue("50") String limit,
                                    @QueryParam("user") String user,
                                    @QueryParam("target") String target,
                                    @QueryParam("action") String action,
                                    @QueryParam("from") String from,
                                    @QueryParam("to") String to) {
        int first = QueryNumbers.parse("offset", offset);
        int most = QueryNumbers.parse("limit", limit);
        if (first < 0 || most < 1) {
            throw SchedulerException.invalid(first < 0 ? "offset" : "limit", "offset must be 0 or more and limit 1-"
                    + AuditTrail.MAX_PAGE + "; got offset " + first + ", limit " + most + ".");
        }
        return PageJson.of(audit.find(new AuditQuery(text(user), text(target), text(action), instant("from", from),
                instant("to", to), first, most)), AuditJson::of);
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Optional<Instant> instant(String field, String value) {
        try {
            return text(value).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw SchedulerException.invalid(field, field + " must be an ISO-8601 instant such as"
                    + " 2026-12-01T00:00:00Z, was \"" + Excerpt.of(value) + "\".");
        }
    }
}
