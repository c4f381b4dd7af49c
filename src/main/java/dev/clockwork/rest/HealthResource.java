package dev.clockwork.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.clockwork.engine.HealthCheck;
import dev.clockwork.engine.ReadRouter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * {@code GET /health}, open to load balancers without login: 200 UP, or 503 DOWN when the database is gone or the
 * dispatcher does not fire (its rounds keep failing, or none completed for several poll intervals).
 */
@Path("health")
@RequestScoped
public class HealthResource {

    @Inject
    HealthCheck health;
    @Inject
    ReadRouter reads;

    /** The health body. */
    @Schema(name = "Health")
    public static class HealthJson {
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"UP", "DOWN"})
        public String status;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"UP", "DOWN"})
        public String database;
        public String databaseError;
        /** UP while the dispatch loop completes its rounds, else DOWN; OFF on a console node (no workers). */
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"UP", "DOWN", "OFF"})
        public String dispatcher;
        public String dispatcherError;
        /** The JNDI name of the data source in use: jdbc/clockwork, or the server's default when none is defined. */
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public String dataSource;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public String node;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public int busyWorkers;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public Instant checkedAt;
        /** The read replica, when the server defines one; never a reason for DOWN. */
        public ReadReplicaJson readReplica;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        HealthCheck.Report report = health.check();
        HealthJson json = new HealthJson();
        json.status = report.up() ? "UP" : "DOWN";
        json.database = report.databaseUp() ? "UP" : "DOWN";
        json.databaseError = report.databaseError().orElse(null);
        json.dispatcher = !report.dispatcher().claims() ? "OFF" : report.dispatcher().up() ? "UP" : "DOWN";
        json.dispatcherError = report.dispatcher().problem().orElse(null);
        json.dataSource = report.dataSource();
        json.node = report.node();
        json.busyWorkers = report.busyWorkers();
        json.checkedAt = report.checkedAt();
        json.readReplica = ReadReplicaJson.of(reads.status());
        return Response.status(report.up() ? 200 : 503).entity(json).build();
    }
}
