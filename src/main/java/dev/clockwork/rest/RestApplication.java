package dev.clockwork.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the REST API at {@code /api}; access rules are in web.xml (GET needs a viewer, changes an operator). */
@ApplicationPath("api")
public class RestApplication extends Application {
}
