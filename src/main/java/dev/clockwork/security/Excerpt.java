package dev.clockwork.security;

/** At most the first 60 (or a given number of) characters of a value a caller sent, for an error that quotes it. */
public final class Excerpt {

    static final int MOST = 60;

    private Excerpt() {
    }

    public static String of(String value) {
        return of(value, MOST);
    }

    /** At most the first {@code most} characters of {@code value}, saying how long it was when cut. */
    public static String of(String value, int most) {
        if (value == null) {
            return "null";
        }
        return value.length() <= most ? value : value.substring(0, most) + "… (" + value.length() + " characters)";
    }
}
