package dev.clockwork.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.logging.Logger;

/**
 * On the first start against an empty user table, creates the {@code admin} user with the password from
 * {@code CLOCKWORK_ADMIN_PASSWORD} (or the system property {@code clockwork.admin.password}), or else with a random
 * password that is written to the log once and must be changed at the first login. There is no fixed default
 * password. On Payara Server the system property can hold a password alias, {@code ${ALIAS=clockwork.admin.password}}:
 * Payara puts the resolved value in the system properties, so the password is neither in {@code domain.xml} nor in a
 * JVM option.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    Users users;

    private static final String PASSWORD_SOURCES = "clockwork.admin.password / CLOCKWORK_ADMIN_PASSWORD";

    /*
     * NOT_SUPPORTED on the method itself (the class-level attribute covers business methods only; a singleton's
     * lifecycle callback would run in a REQUIRED transaction): the first admin is created in a JDBC transaction of its
     * own, which a container transaction around it would forbid.
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void createFirstAdmin() {
        String configured = configuredPassword();
        if (users.any()) {
            if (configured != null) {
                LOG.info("Users exist already: the admin password from " + PASSWORD_SOURCES + " only applies to the"
                        + " first start on an empty database and is not used now. Change passwords in the console.");
            }
            return;
        }
        String password = configured != null ? configured : randomPassword();
        PasswordPolicy.problem("admin", password.toCharArray()).ifPresent(problem -> {
            throw new IllegalStateException("The admin password from " + PASSWORD_SOURCES + " is refused: " + problem);
        });
        if (!users.createFirstAdmin(password.toCharArray(), Roles.ALL, configured == null)) {
            LOG.info("Another node created user admin first");
        } else if (configured != null) {
            LOG.info("Created user admin with the password from " + PASSWORD_SOURCES);
        } else {
            LOG.warning("Created user admin with the generated password " + password
                    + " (shown once; the console asks for a new one at the first login, and the API refuses it"
                    + " until then; or set CLOCKWORK_ADMIN_PASSWORD before the first start)");
        }
    }

    private static String configuredPassword() {
        String value = System.getProperty("clockwork.admin.password", System.getenv("CLOCKWORK_ADMIN_PASSWORD"));
        return value == null || value.isBlank() ? null : value;
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
