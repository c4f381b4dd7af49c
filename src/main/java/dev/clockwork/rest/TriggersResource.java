package dev.clockwork.rest;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.engine.rules.TriggerPreview;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code GET /triggers/preview}: what a trigger means before a task is saved (canonical text, description, next fire
 * times), the same preview the console's task form shows as the user types.
 */
@Path("triggers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TriggersResource {

    @Inject
    Clock clock;

    /** The preview as the API shows it; {@code next} are ISO-8601 instants in UTC. */
    public static class PreviewJson {
        public String trigger;
        public String description;
        public String zone;
        public List<Instant> next;
    }

    /**
     * @param name optional task name, which {@code H} in cron fields hashes (as it will for that task)
     */
    @GET
    @Path("preview")
    public PreviewJson preview(@QueryParam("trigger") String trigger,
                               @QueryParam("zone") @DefaultValue("UTC") String zone,
                               @QueryParam("count") @DefaultValue("5") String count,
                               @QueryParam("from") String from,
                               @QueryParam("name") @DefaultValue("") String name) {
        TriggerPreview preview = TriggerPreview.of(trigger, name, zone.isBlank() ? "UTC" : zone, from(from),
                QueryNumbers.parse("count", count));
        PreviewJson json = new PreviewJson();
        json.trigger = preview.trigger();
        json.description = preview.description();
        json.zone = preview.zone().getId();
        json.next = preview.next();
        return json;
    }

    private Instant from(String from) {
        if (from == null || from.isBlank()) {
            return clock.instant();
        }
        try {
            return OffsetDateTime.parse(from.strip()).toInstant();
        } catch (DateTimeException e) {
            throw SchedulerException.invalid("from", "from \"" + from + "\" is not an ISO-8601 instant; write e.g. "
                    + "2026-03-29T00:00:00Z or 2026-03-29T02:00:00+02:00.");
        }
    }
}
