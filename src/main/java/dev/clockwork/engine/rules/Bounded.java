package dev.clockwork.engine.rules;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

/** Keeps what is stored about an execution within its column sizes. */
public final class Bounded {

    public static final int RESULT = 4000;
    public static final int ERROR = 4000;
    public static final int STACK_TRACE = 8000;
    public static final int REPORT = 8000;
    public static final int REPORT_LINES = 200;
    private static final String CUT = "... (truncated)";

    private Bounded() {
    }

    /** {@code text} cut to {@code max} characters, marked when cut. */
    public static String text(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - CUT.length()) + CUT;
    }

    /** A throwable's message, or its class name when it has none. */
    public static String error(Throwable error) {
        String message = error.getMessage();
        String text = message == null || message.isBlank() ? error.getClass().getName()
                : error.getClass().getSimpleName() + ": " + message;
        return text(text, ERROR);
    }

    public static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return text(out.toString(), STACK_TRACE);
    }

    /** The reported lines joined by newlines, or empty when there are none. */
    public static Optional<String> report(List<String> lines) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(text(String.join("\n", lines), REPORT));
    }
}
