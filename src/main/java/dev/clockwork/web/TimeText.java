package dev.clockwork.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/** Shows instants to operators: in a given zone, and relative to now ("in 3 min", "12 s ago"). */
@Named("time")
@ApplicationScoped
public class TimeText {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx EEE",
            Locale.ENGLISH);

    @Inject
    Clock clock;
    /** The language of the page being rendered. */
    Supplier<Locale> language = TimeText::pageLanguage;

    /** {@code instant} in the zone, or "—" when there is none. */
    public String at(Object instant, String zone) {
        return asInstant(instant).map(i -> FORMAT.format(i.atZone(zoneOf(zone)))).orElse("—");
    }

    /** {@code instant} in {@code zone} with its UTC offset, e.g. "2026-03-29 03:00:00 +02:00 Sun". */
    public static String withOffset(Instant instant, ZoneId zone) {
        return WITH_OFFSET.format(instant.atZone(zone));
    }

    /** As {@link #withOffset(Instant, ZoneId)}, for pages: "—" when there is no instant. */
    public String offset(Object instant, String zone) {
        return asInstant(instant).map(i -> withOffset(i, zoneOf(zone))).orElse("—");
    }

    /** How far {@code instant} is from now, e.g. "in 2 h 5 min" or "40 s ago"; empty text when there is none. */
    public String relative(Object instant) {
        return asInstant(instant).map(i -> {
            Duration delta = Duration.between(clock.instant(), i);
            String amount = amount(delta.abs());
            return phrase(delta.isNegative() ? "time.ago" : "time.in", amount);
        }).orElse("");
    }

    /** An age such as a heartbeat's, e.g. "3 s ago". */
    public String ago(Duration age) {
        return age == null ? "" : phrase("time.ago", amount(age.isNegative() ? Duration.ZERO : age));
    }

    /** How long from {@code start} to {@code end}, e.g. "1.204 s"; empty text when either is missing. */
    public String duration(Object start, Object end) {
        Optional<Instant> from = asInstant(start);
        Optional<Instant> to = asInstant(end);
        if (from.isEmpty() || to.isEmpty()) {
            return "";
        }
        return String.format("%.3f s", Duration.between(from.get(), to.get()).toMillis() / 1000.0);
    }

    private String amount(Duration d) {
        if (d.toSeconds() < 60) {
            return d.toSeconds() + " s";
        }
        if (d.toMinutes() < 60) {
            return d.toMinutes() + " min";
        }
        if (d.toHours() < 48) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return phrase("time.days", d.toDays());
    }

    /** The bundle's {@code key} in the page's language, with {@code value} in its {0}. */
    private String phrase(String key, Object value) {
        Locale locale = language.get();
        return new MessageFormat(ResourceBundle.getBundle(Notices.BUNDLE, locale).getString(key), locale)
                .format(new Object[] {value});
    }

    /** The locale of the view being rendered; English outside a Faces request. */
    private static Locale pageLanguage() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces == null || faces.getViewRoot() == null ? Locale.ENGLISH : faces.getViewRoot().getLocale();
    }

    private static Optional<Instant> asInstant(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.filter(Instant.class::isInstance).map(Instant.class::cast);
        }
        return value instanceof Instant instant ? Optional.of(instant) : Optional.empty();
    }

    private static ZoneId zoneOf(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneId.of("UTC");
        }
    }
}
