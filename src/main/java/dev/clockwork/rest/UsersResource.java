package dev.clockwork.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.security.Roles;
import dev.clockwork.security.Users;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code POST /users}: an admin creates a user with a role (web.xml lets only admins in). */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    Users users;

    /** The body of {@code POST /users}. */
    @Schema(name = "UserRequest")
    public static class UserRequest {
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[A-Za-z0-9._@-]{1,100}$")
        public String username;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = Users.MIN_PASSWORD)
        public String password;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
        public String role;
    }

    @POST
    public Response create(UserRequest request) {
        if (request == null || request.username == null || !request.username.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw SchedulerException.invalid("username", "username must be 1-100 characters of letters, digits,"
                    + " '.', '_', '@' and '-'.");
        }
        if (request.role == null || !Roles.ALL.contains(request.role)) {
            throw SchedulerException.invalid("role", "role must be one of " + Roles.ALL + ".");
        }
        if (request.password == null || request.password.length() < Users.MIN_PASSWORD) {
            throw SchedulerException.invalid("password", "password must have at least " + Users.MIN_PASSWORD
                    + " characters.");
        }
        if (!users.create(request.username, request.password.toCharArray(), Roles.upTo(request.role))) {
            throw new SchedulerException(SchedulerException.Reason.CONFLICT, "username",
                    "A user named \"" + request.username + "\" already exists.");
        }
        return Response.status(Response.Status.CREATED)
                .entity(Map.of("username", request.username, "roles", Roles.upTo(request.role))).build();
    }
}
