package dev.clockwork.it;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The samples of a Prometheus text exposition, by series as written ({@code name{label="value",...}}), enough for
 * tests to read a value back; {@code promtool} checks the format itself.
 */
public record Exposition(Map<String, Double> samples) {

    public static Exposition parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new Exposition(samples);
    }

    /** The value of one series, written exactly as the registry writes it (labels in name order). */
    public Optional<Double> value(String series) {
        return Optional.ofNullable(samples.get(series));
    }

    /** Whether any series of this metric name is present. */
    public boolean has(String name) {
        return samples.keySet().stream().anyMatch(series -> series.equals(name) || series.startsWith(name + "{"));
    }
}
