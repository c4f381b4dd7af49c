package dev.clockwork.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One thread-safe {@link Jsonb} for the application. */
@ApplicationScoped
public class JsonbProducer {

    private static final Logger LOG = Logger.getLogger(JsonbProducer.class.getName());

    @Produces
    @ApplicationScoped
    Jsonb jsonb() {
        return JsonbBuilder.create();
    }

    void close(@Disposes Jsonb jsonb) {
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Closing JSON-B failed", e);
        }
    }
}
