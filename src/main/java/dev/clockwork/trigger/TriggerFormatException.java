package dev.clockwork.trigger;

/**
 * Trigger text that cannot be parsed. The message says what is wrong and how to fix it, e.g.
 * {@code hour: 25 is out of range 0-23 (column 8) in "cron 0 25 * * *"}.
 */
public class TriggerFormatException extends IllegalArgumentException {

    private final String field;
    private final String token;
    private final int column;

    /**
     * @param field the field or part of the trigger that is wrong ("hour", "interval", "trigger", ...)
     * @param token the offending token as typed
     * @param column its 1-based column in the whole trigger text, or 0 when it has no single position
     * @param message the full, human-readable message
     */
    public TriggerFormatException(String field, String token, int column, String message) {
        super(message);
        this.field = field;
        this.token = token;
        this.column = column;
    }

    public String field() {
        return field;
    }

    public String token() {
        return token;
    }

    public int column() {
        return column;
    }
}
