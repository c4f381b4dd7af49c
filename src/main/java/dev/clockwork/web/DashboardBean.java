package dev.clockwork.web;

import dev.clockwork.api.ExecutionInfo;
import dev.clockwork.api.ExecutionQuery;
import dev.clockwork.api.ExecutionStatus;
import dev.clockwork.api.NodeState;
import dev.clockwork.api.Scheduler;
import dev.clockwork.api.TaskState;
import dev.clockwork.engine.ClusterOverview;
import dev.clockwork.engine.Jsonp;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The dashboard, the landing page: read once per request ({@code f:viewAction}, also on the poll that refreshes
 * it), drawn as Chart.js charts ({@code p:chart} takes their configuration as JSON).
 */
@Named("dashboard")
@RequestScoped
public class DashboardBean {

    /** Statuses of executions that ended badly and want an operator's look. */
    private static final List<ExecutionStatus> FAILURES = List.of(ExecutionStatus.FAILED,
            ExecutionStatus.ACTION_NOT_FOUND, ExecutionStatus.NODE_LOST);
    private static final int FAILURES_SHOWN = 8;
    private static final Map<ExecutionStatus, String> COLOURS = Map.of(ExecutionStatus.SUCCEEDED, "#2f8132",
            ExecutionStatus.FAILED, "#c62828", ExecutionStatus.ACTION_NOT_FOUND, "#ad1457",
            ExecutionStatus.NODE_LOST, "#6a1b9a", ExecutionStatus.CANCELLED, "#7b8794",
            ExecutionStatus.RUNNING, "#1565c0", ExecutionStatus.QUEUED, "#64b5f6");

    @Inject
    ClusterOverview cluster;
    @Inject
    Scheduler scheduler;
    @Inject
    Notices notices;

    private ClusterOverview.Overview overview;
    private List<ExecutionInfo> failures;

    public void load() {
        overview = cluster.read();
        failures = FAILURES.stream().flatMap(status -> scheduler.executions(ExecutionQuery.all(FAILURES_SHOWN)
                        .withStatus(Optional.of(status))).items().stream())
                .sorted(Comparator.comparing(ExecutionInfo::fireTime).reversed()).limit(FAILURES_SHOWN).toList();
    }

    public ClusterOverview.Overview getOverview() {
        return overview;
    }

    public TaskState[] getStates() {
        return TaskState.values();
    }

    /** How many nodes are in {@code state}. */
    public long nodes(NodeState state) {
        return overview.nodes().get(state);
    }

    public List<ExecutionInfo> getFailures() {
        return failures;
    }

    /** "12 ms", "1.4 s", or "—" when nothing was measured. */
    public String millis(Optional<Duration> duration) {
        return duration.map(DashboardBean::millis).orElse("—");
    }

    public static String millis(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    /** A bar chart of the last hour's and the last day's executions by status, each bar in its status' colour. */
    public String getExecutionsChart() {
        JsonArrayBuilder labels = Jsonp.array();
        JsonArrayBuilder hour = Jsonp.array();
        JsonArrayBuilder day = Jsonp.array();
        for (ExecutionStatus status : ExecutionStatus.values()) {
            labels.add(status.name());
            hour.add(overview.lastHour().get(status));
            day.add(overview.lastDay().get(status));
        }
        return chart("bar", labels, Stream.of(
                dataset(notices.text("dashboard.lastHour"), hour).add("backgroundColor", colours()),
                dataset(notices.text("dashboard.lastDay"), day).add("backgroundColor", colours())
                        .add("borderColor", "#1f2933").add("borderWidth", 2)));
    }

    private static JsonArrayBuilder colours() {
        JsonArrayBuilder colours = Jsonp.array();
        for (ExecutionStatus status : ExecutionStatus.values()) {
            colours.add(COLOURS.getOrDefault(status, "#7b8794"));
        }
        return colours;
    }

    /** A bar chart of the last hour's fire lateness, median and 99th percentile, in milliseconds. */
    public String getLatenessChart() {
        JsonArrayBuilder values = Jsonp.array();
        Stream.of(overview.latenessP50(), overview.latenessP99())
                .forEach(d -> values.add(d.map(Duration::toMillis).orElse(0L)));
        return chart("bar", Jsonp.array().add("p50").add("p99"),
                Stream.of(dataset(notices.text("dashboard.lateness.ms"), values).add("backgroundColor", "#1565c0")));
    }

    private static JsonObjectBuilder dataset(String label, JsonArrayBuilder data) {
        return Jsonp.object().add("label", label).add("data", data);
    }

    private static String chart(String type, JsonArrayBuilder labels, Stream<JsonObjectBuilder> datasets) {
        JsonArrayBuilder all = Jsonp.array();
        datasets.forEach(all::add);
        return Jsonp.object().add("type", type)
                .add("data", Jsonp.object().add("labels", labels).add("datasets", all))
                .add("options", Jsonp.object().add("animation", false).add("responsive", true)
                        .add("maintainAspectRatio", false))
                .build().toString();
    }
}
