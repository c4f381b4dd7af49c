package dev.clockwork.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.clockwork.engine.rules.Probe;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A probe's answer: {@code status} UP or DOWN and each check's; 200 when UP, 503 when DOWN. */
@Schema(name = "Probe", description = "A liveness or readiness answer: UP when every check is UP.")
public class ProbeJson {

    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"UP", "DOWN"})
    public String status;
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
    public List<CheckJson> checks;
    /** Readiness only: the read replica, when the server defines one; never a reason for DOWN. */
    public ReadReplicaJson readReplica;

    /** One check of the probe. */
    @Schema(name = "ProbeCheck")
    public static class CheckJson {
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public String name;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"UP", "DOWN"})
        public String status;
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        public String detail;
    }

    static Response response(Probe probe) {
        return response(probe, null);
    }

    static Response response(Probe probe, ReadReplicaJson readReplica) {
        ProbeJson json = new ProbeJson();
        json.readReplica = readReplica;
        json.status = status(probe.up());
        json.checks = probe.checks().stream().map(check -> {
            CheckJson each = new CheckJson();
            each.name = check.name();
            each.status = status(check.up());
            each.detail = check.detail();
            return each;
        }).toList();
        return Response.status(probe.up() ? 200 : 503).type(MediaType.APPLICATION_JSON_TYPE).entity(json).build();
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
