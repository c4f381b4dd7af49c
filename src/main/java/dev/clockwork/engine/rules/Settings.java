package dev.clockwork.engine.rules;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/** Typed reads of {@code clockwork.*} settings, with errors that name the key and show a valid value. */
record Settings(Function<String, String> lookup) {

    String text(String key) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    Duration duration(String key, Duration fallback) {
        String text = text(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT1S or PT500MS, was \""
                    + text + "\"", e);
        }
    }

    int integer(String key, int fallback) {
        String text = text(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number such as 16, was \"" + text + "\"", e);
        }
    }

    boolean flag(String key, boolean fallback) {
        String text = text(key);
        if (text == null) {
            return fallback;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(key + " must be true or false, was \"" + text + "\"");
    }

    ZoneId zone(String key, ZoneId fallback) {
        String text = text(key);
        if (text == null) {
            return fallback;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(key + " must be an IANA zone such as Europe/Paris or UTC, was \""
                    + text + "\"", e);
        }
    }
}
