package dev.clockwork.engine;

import dev.clockwork.api.SchedulerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParsingException;

/** Checks that task arguments are one well-formed JSON value. */
@ApplicationScoped
public class ArgsJson {

    /** @throws SchedulerException INVALID "args", with the position of the first error where the parser knows it */
    public void check(String json) {
        try (JsonReader reader = Jsonp.reader(json)) {
            reader.readValue();
        } catch (JsonParsingException e) {
            throw invalid("at line " + e.getLocation().getLineNumber() + ", column "
                    + e.getLocation().getColumnNumber() + ": " + e.getMessage());
        } catch (JsonException e) {
            throw invalid(e.getMessage());
        }
    }

    private static SchedulerException invalid(String detail) {
        return SchedulerException.invalid("args", "args is not valid JSON " + detail
                + ". Example: {\"recipient\": \"ops@example.com\"}");
    }
}
