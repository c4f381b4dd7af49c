package dev.clockwork.engine.rules;

import java.util.List;
import java.util.Objects;

/**
 * The answer of a liveness or readiness probe: a node passes when every one of its checks passes, so one failing
 * check is enough to restart it (liveness) or take it out of a load balancer (readiness).
 */
public record Probe(List<Check> checks) {

    public Probe {
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("A probe needs at least one check, or it would pass without looking");
        }
    }

    public boolean up() {
        return checks.stream().allMatch(Check::up);
    }

    /**
     * One thing a probe looked at.
     *
     * @param detail what was found, or what is wrong and what to do about it
     */
    public record Check(String name, boolean up, String detail) {

        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }

        public static Check up(String name, String detail) {
            return new Check(name, true, detail);
        }

        public static Check down(String name, String detail) {
            return new Check(name, false, detail);
        }
    }
}
