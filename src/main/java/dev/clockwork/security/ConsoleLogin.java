package dev.clockwork.security;

import java.io.Serializable;
import java.util.Objects;

/** Who logged in to the console in an HTTP session, and the stamp of the password they used. */
record ConsoleLogin(String username, CredentialStamp stamp) implements Serializable {

    /** The session attribute that holds it. */
    static final String ATTRIBUTE = ConsoleLogin.class.getName();

    ConsoleLogin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(stamp, "stamp");
    }
}
