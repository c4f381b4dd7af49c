package dev.clockwork.engine;

import dev.clockwork.engine.rules.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The account and audit settings, from system properties or environment variables like the engine's. */
@ApplicationScoped
public class SecurityProducers {

    @Produces
    @Singleton
    SecurityConfig securityConfig() {
        return SecurityConfig.from(EngineProducers::setting);
    }
}
