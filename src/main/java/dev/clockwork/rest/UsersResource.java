package dev.clockwork.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.clockwork.api.SchedulerException;
import dev.clockwork.security.AccountChange;
import dev.clockwork.security.Excerpt;
import dev.clockwork.security.Roles;
import dev.clockwork.security.Users;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /users}: an admin lists, creates, changes and deletes users (web.xml lets only admins in). */
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

    /** The body of {@code PUT /users/{username}}: each field that is present is changed. */
    public static class ChangeRequest {
        public String role;
        public Boolean enabled;
        public String password;
        public Boolean mustChangePassword;
    }

    @GET
    public List<UserJson> list() {
        return users.list().stream().map(UserJson::of).toList();
    }

    @GET
    @Path("{username}")
    public UserJson get(@PathParam("username") String username) {
        return users.find(username).map(UserJson::of).orElseThrow(() -> new SchedulerException(
                SchedulerException.Reason.NOT_FOUND, "username", "No user is named \"" + Excerpt.of(username)
                + "\". List the users to see their names."));
    }

    @POST
    public Response create(UserRequest request) {
        Users.checkUsername(request == null ? null : request.username);
        if (request.role == null || !Roles.ALL.contains(request.role)) {
            throw SchedulerException.invalid("role", "role must be one of " + Roles.ALL + ".");
        }
        if (request.password == null) {
            throw SchedulerException.invalid("password", "password is required.");
        }
        if (!users.create(request.username, request.password.toCharArray(), Roles.upTo(request.role))) {
            throw new SchedulerException(SchedulerException.Reason.CONFLICT, "username",
                    "A user named \"" + request.username + "\" already exists.");
        }
        return Response.status(Response.Status.CREATED)
                .entity(Map.of("username", request.username, "roles", Roles.upTo(request.role))).build();
    }

    /** Changes role, enabled, password or must-change; 409 when it would leave no enabled admin. */
    @PUT
    @Path("{username}")
    public UserJson update(@PathParam("username") String username, ChangeRequest request) {
        if (request == null) {
            throw SchedulerException.invalid(null, "The request needs a JSON body with the fields to change, e.g."
                    + " {\"role\":\"clockwork-operator\"} or {\"enabled\":false}.");
        }
        return UserJson.of(users.update(username, new AccountChange(Optional.ofNullable(request.role),
                Optional.ofNullable(request.enabled), Optional.ofNullable(request.password).map(String::toCharArray),
                Optional.ofNullable(request.mustChangePassword))));
    }

    /** 204; 409 for the last enabled admin. */
    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username) {
        users.delete(username);
        return Response.noContent().build();
    }
}
