package dev.clockwork.engine.rules;

import dev.clockwork.api.SchedulerException;
import dev.clockwork.trigger.Preview;
import dev.clockwork.trigger.Trigger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What a trigger means before a task is saved: its canonical text, its plain-English description and its next fire
 * times in a zone. The REST preview and the console's task form both show this, checked by the same rules (and with
 * the same messages) as saving a task.
 *
 * @param trigger the canonical trigger text
 * @param description the trigger in plain English
 * @param zone the zone the trigger is read in
 * @param next the next fire times, strictly after the preview's start, in order
 */
public record TriggerPreview(String trigger, String description, ZoneId zone, List<Instant> next) {

    /** The most fire times one preview lists. */
    public static final int MOST_FIRES = 100;

    public TriggerPreview {
        next = List.copyOf(next);
    }

    /**
     * Previews trigger text as it would be saved for the named task ({@code H} in cron fields hashes the name).
     *
     * @param zone an IANA zone id
     * @param from the task's creation time: fire times are listed strictly after it
     * @param count how many fire times, 1-{@value #MOST_FIRES}
     * @throws SchedulerException INVALID with the field "trigger", "zone" or "count"
     */
    public static TriggerPreview of(String text, String taskName, String zone, Instant from, int count) {
        if (count < 1 || count > MOST_FIRES) {
            throw SchedulerException.invalid("count", "count must be 1-" + MOST_FIRES + ", was " + count + ".");
        }
        ZoneId zoneId = TaskDefinitions.parseZone(zone);
        Trigger parsed = TaskDefinitions.parseNewTrigger(text, taskName);
        try {
            return new TriggerPreview(parsed.toString(), parsed.describe(zoneId), zoneId,
                    Preview.nextFires(parsed, zoneId, from, count));
        } catch (IllegalArgumentException beyondHorizon) {
            throw SchedulerException.invalid("trigger", beyondHorizon.getMessage());
        }
    }
}
