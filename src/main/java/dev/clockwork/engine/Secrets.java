package dev.clockwork.engine;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;

/**
 * Secrets that tasks name instead of holding: {@code clockwork.secret.<name>} as a system property or
 * {@code CLOCKWORK_SECRET_<NAME>} in the environment, read when a run needs one. A task's arguments carry only the
 * name, so the value never reaches the database, the console, the API or the log.
 */
@ApplicationScoped
public class Secrets {

    /** Reads a setting; a test sets its own. */
    Function<String, String> lookup = EngineProducers::setting;

    /** The value of secret {@code name}, if the server has one. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(lookup.apply(key(name))).filter(value -> !value.isEmpty());
    }

    /** The setting that holds secret {@code name}. */
    public static String key(String name) {
        return "clockwork.secret." + name;
    }
}
