package dev.clockwork.security;

import dev.clockwork.store.UserRow;
import dev.clockwork.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;

/** Checks usernames and passwords against the users in the database. */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

    /** Verified when the user does not exist, so that unknown and known names take the same time. */
    private static final String DUMMY_HASH = "PBKDF2WithHmacSHA256:100000:"
            + "c2FsdHNhbHRzYWx0c2FsdHNhbHRzYWx0c2FsdHNhbHQ=:aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=";

    @Inject
    UserStore users;
    @Inject
    PasswordHashing passwords;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<UserRow> user = users.findByUsername(login.getCaller());
        boolean matches = passwords.matches(login.getPassword().getValue(),
                user.map(UserRow::passwordHash).orElse(DUMMY_HASH));
        if (user.isEmpty() || !matches) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(user.get().username(), user.get().roles());
    }
}
