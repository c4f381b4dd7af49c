package dev.clockwork.security;

import java.util.Set;

/** The three roles. Each includes the rights of the ones before it; users are given every role they hold. */
public final class Roles {

    /** Reads tasks, executions and nodes. */
    public static final String VIEWER = "clockwork-viewer";
    /** Also creates, changes, pauses, resumes, runs and deletes tasks. */
    public static final String OPERATOR = "clockwork-operator";
    /** Also manages users and dangerous, cluster-wide actions. */
    public static final String ADMIN = "clockwork-admin";

    public static final Set<String> ALL = Set.of(VIEWER, OPERATOR, ADMIN);

    private Roles() {
    }

    /** The highest of {@code roles}: what the API and the console show as the user's role. */
    public static String highest(Set<String> roles) {
        return roles.contains(ADMIN) ? ADMIN : roles.contains(OPERATOR) ? OPERATOR : VIEWER;
    }

    /** The roles a user with {@code highest} holds: the role and every role below it. */
    public static Set<String> upTo(String highest) {
        return switch (highest) {
            case ADMIN -> ALL;
            case OPERATOR -> Set.of(VIEWER, OPERATOR);
            case VIEWER -> Set.of(VIEWER);
            default -> throw new IllegalArgumentException("Unknown role \"" + highest + "\"; use one of " + ALL);
        };
    }
}
