package dev.clockwork.engine;

import java.util.Map;

/** {@link Secrets} read from a map, for tests outside the engine's package. */
public final class SecretsForTests {

    private SecretsForTests() {
    }

    public static Secrets of(Map<String, String> settings) {
        Secrets secrets = new Secrets();
        secrets.lookup = settings::get;
        return secrets;
    }
}
