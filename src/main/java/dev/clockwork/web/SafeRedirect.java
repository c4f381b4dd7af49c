package dev.clockwork.web;

/** Where to go after login: only a path inside the console, never another site (no open redirect). */
final class SafeRedirect {

    static final String HOME = "/index.xhtml";

    private SafeRedirect() {
    }

    static String target(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith("/login.xhtml") || next.chars().anyMatch(Character::isISOControl)) {
            return HOME;
        }
        return next;
    }
}
