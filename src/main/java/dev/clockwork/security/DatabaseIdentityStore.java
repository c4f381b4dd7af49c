package dev.clockwork.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/**
 * Checks usernames and passwords against the users in the database, for a caller of the container's identity store
 * handler. Clockwork's own mechanism ({@link ClockworkAuthentication}) calls {@link Logins} itself, with the
 * caller's address; this store goes through the same checks and throttling under an unknown address.
 */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

    static final String UNKNOWN_ADDRESS = "unknown";

    @Inject
    Logins logins;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        LoginResult result = logins.attempt(login.getCaller(), login.getPassword().getValue(), UNKNOWN_ADDRESS,
                Logins.Channel.CONSOLE);
        return result.user().map(user -> new CredentialValidationResult(user.username(), user.roles()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
