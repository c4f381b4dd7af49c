package dev.clockwork.rest;

import dev.clockwork.engine.rules.Probe;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A probe's answer: {@code status} UP or DOWN and each check's; 200 when UP, 503 when DOWN. */
public class ProbeJson {

    public String status;
    public List<CheckJson> checks;

    /** One check of the probe. */
    public static class CheckJson {
        public String name;
        public String status;
        public String detail;
    }

    static Response response(Probe probe) {
        ProbeJson json = new ProbeJson();
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
