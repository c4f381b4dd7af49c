package dev.clockwork.rest;

import dev.clockwork.engine.rules.ReplicaGuard;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Optional;

/** The read-only replica as this node sees it, in the health and readiness answers; absent without a replica. */
@Schema(name = "ReadReplica", description = "The read replica (jdbc/clockwork-read) as this node last measured it."
        + " It never makes a probe fail: reads go to the primary while it lags or is down.")
public class ReadReplicaJson {

    /** IN_USE: reads that may go to the replica do; LAGGING: over max-lag; DOWN: it did not answer (in time). */
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"IN_USE", "LAGGING", "DOWN"})
    public String state;
    /** The last measured lag in seconds; absent before the first measurement. */
    public Double lagSeconds;
    /** Why it is in this state, for people. */
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
    public String detail;

    static ReadReplicaJson of(Optional<ReplicaGuard.Status> status) {
        return status.map(found -> {
            ReadReplicaJson json = new ReadReplicaJson();
            json.state = found.state().name();
            json.lagSeconds = found.lag().map(lag -> lag.toNanos() / 1e9).orElse(null);
            json.detail = found.detail();
            return json;
        }).orElse(null);
    }
}
