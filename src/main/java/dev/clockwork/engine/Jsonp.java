package dev.clockwork.engine;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;

/**
 * The application's one JSON-P provider. {@code jakarta.json.Json}'s static factories look the provider up through
 * the class loader on every call, a service-loader scan of the deployment's jars that cost more than the rest of a
 * task list's JSON; ArchitectureTest keeps them out of the main code.
 */
public final class Jsonp {

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());

    private Jsonp() {
    }

    public static JsonProvider provider() {
        return PROVIDER;
    }

    /** A reader of {@code text}, for the caller to close. */
    public static JsonReader reader(String text) {
        return READERS.createReader(new StringReader(text));
    }

    /**
     * {@code text} as one JSON value.
     *
     * @throws jakarta.json.JsonException when it is not one well-formed JSON value
     */
    public static JsonValue read(String text) {
        try (JsonReader reader = reader(text)) {
            return reader.readValue();
        }
    }

    public static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }
}
