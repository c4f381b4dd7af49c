package dev.clockwork.trigger;

/**
 * Builds the {@link TriggerFormatException}s of the {@code at}, {@code every} and {@code in} forms, all worded the
 * same way: {@code <part>: <what is wrong> (column N) in "<text>"; <how to fix it>}.
 */
final class FormError {

    private FormError() {
    }

    /**
     * @param part the part of the trigger that is wrong ("interval", "month", ...)
     * @param word the offending word; its column is reported
     * @param problem what is wrong, naming the bad value and the rule it broke
     * @param fix how to fix it, usually with a valid example
     * @param fullText the whole trigger text as typed
     */
    static TriggerFormatException of(String part, Word word, String problem, String fix, String fullText) {
        return at(part, word, word.column(), problem, fix, fullText);
    }

    /** As {@link #of}, but pointing at {@code column}, which may lie inside {@code word}. */
    static TriggerFormatException at(String part, Word word, int column, String problem, String fix,
            String fullText) {
        String message = part + ": " + problem + " (column " + column + ") in \"" + fullText + "\"; " + fix;
        return new TriggerFormatException(part, word.text(), column, message);
    }
}
