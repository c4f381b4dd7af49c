package dev.clockwork.security;

/** At most the first 60 characters of a value a caller sent, for an error message that quotes it. */
public final class Excerpt {

    static final int MOST = 60;

    private Excerpt() {
    }

    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= MOST ? value : value.substring(0, MOST) + "… (" + value.length() + " characters)";
    }
}
