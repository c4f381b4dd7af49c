package dev.clockwork.rest;

import dev.clockwork.api.SchedulerException;

/**
 * Reads whole-number query parameters. JAX-RS would answer a non-number in an {@code int} parameter with 404; a
 * script deserves a 400 that names the parameter.
 */
final class QueryNumbers {

    private QueryNumbers() {
    }

    static int parse(String name, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw SchedulerException.invalid(name, name + " must be a whole number, was \"" + text + "\".");
        }
    }
}
