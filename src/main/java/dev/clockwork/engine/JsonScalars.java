package dev.clockwork.engine;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/** JSON scalars as the Java values message headers and properties take. */
final class JsonScalars {

    private JsonScalars() {
    }

    /** A string, number (Long when integral, else Double) or boolean as its Java value; empty for anything else. */
    static Optional<Object> value(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> Optional.of(((JsonString) value).getString());
            case NUMBER -> Optional.of(((JsonNumber) value).isIntegral() ? (Object) ((JsonNumber) value).longValue()
                    : (Object) ((JsonNumber) value).doubleValue());
            case TRUE -> Optional.of(Boolean.TRUE);
            case FALSE -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        };
    }
}
