package dev.clockwork.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What a run writes: {@code summary.json} (results, headline, machine) and the Markdown table of results. */
final class Report {

    private Report() {
    }

    static String summary(Bench.Mode mode, List<Database> databases, List<Result> results, List<String> failures) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Result r : results) {
            JsonObjectBuilder settings = Json.createObjectBuilder();
            r.settings().forEach(settings::add);
            array.add(Json.createObjectBuilder().add("contender", r.contender()).add("db", r.db())
                    .add("nodes", r.nodes()).add("workload", r.workload()).add("value", round(r.value()))
                    .add("unit", r.unit()).add("settings", settings));
        }
        JsonObjectBuilder headline = Json.createObjectBuilder();
        for (Database db : databases) {
            String d = db.name();
            Optional<Double> clockwork1 = best(results, d, "clockwork", 1, "throughput");
            ratio(headline, "throughput." + d + ".vs_db_scheduler", clockwork1,
                    best(results, d, "db-scheduler", 1, "throughput"));
            ratio(headline, "throughput." + d + ".vs_quartz", clockwork1, best(results, d, "quartz", 1, "throughput"));
            ratio(headline, "throughput." + d + ".vs_limit", clockwork1, best(results, d, "limit", 1, "throughput"));
            ratio(headline, "throughput." + d + ".three_vs_one_node", best(results, d, "clockwork", 3, "throughput"),
                    clockwork1);
            value(headline, "lateness." + d + ".p99_ms", best(results, d, "clockwork", 1, "lateness.p99"));
            value(headline, "lateness." + d + ".max_ms", best(results, d, "clockwork", 1, "lateness.max"));
            int smallest = mode.scaleFuture().get(0);
            int largest = mode.scaleFuture().get(mode.scaleFuture().size() - 1);
            ratio(headline, "scale." + d + ".claim_1m_vs_10k", best(results, d, "clockwork", 1,
                    "scale.claim." + largest), best(results, d, "clockwork", 1, "scale.claim." + smallest));
            value(headline, "failover." + d + ".fastest_s", best(results, d, "clockwork", 3, "failover.fastest"));
        }
        Runtime runtime = Runtime.getRuntime();
        JsonObjectBuilder machine = Json.createObjectBuilder()
                .add("cores", runtime.availableProcessors())
                .add("memoryGiB", round(((com.sun.management.OperatingSystemMXBean) ManagementFactory
                        .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024)))
                .add("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .add("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        JsonObjectBuilder root = Json.createObjectBuilder().add("machine", machine).add("mode", mode.name())
                .add("tasks", mode.tasks()).add("warmUpTasks", mode.warmUp()).add("results", array)
                .add("headline", headline).add("failures", Json.createArrayBuilder(failures))
                .add("scaleSteps", mode.scaleFuture().toString() + " future tasks; claim_1m_vs_10k compares the"
                        + " largest step with the smallest")
                .add("notMeasured", "scale of db-scheduler and Quartz (the scale workload times Clockwork's own"
                        + " claim statements and reads its node's heap)");
        StringWriter text = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text)) {
            writer.writeObject(root.build());
        }
        return text.toString();
    }

    /** The highest value of a contender's (any of its configurations') results for one workload. */
    private static Optional<Double> best(List<Result> results, String db, String contender, int nodes,
                                         String workload) {
        return results.stream().filter(r -> r.db().equals(db) && r.nodes() == nodes
                && r.contender().startsWith(contender) && r.workload().equals(workload)).map(Result::value)
                .max(Double::compare);
    }

    private static void value(JsonObjectBuilder headline, String key, Optional<Double> value) {
        value.ifPresent(v -> headline.add(key, round(v)));
    }

    private static void ratio(JsonObjectBuilder headline, String key, Optional<Double> a, Optional<Double> b) {
        if (a.isPresent() && b.isPresent()) {
            headline.add(key, round(a.get() / b.get()));
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static String table(Bench.Mode mode, List<Result> results) {
        StringBuilder md = new StringBuilder("| contender | db | nodes | workload | value | unit |\n"
                + "|---|---|---:|---|---:|---|\n");
        for (Result r : results) {
            // A lower bound (a wait the bench gave up) shows as ">90": the seconds waited, not a measured time.
            String value = r.isLowerBound() ? String.format(Locale.ROOT, ">%.0f", Math.floor(r.value()))
                    : r.value() >= 100 ? String.format(Locale.ROOT, "%.0f", r.value())
                    : String.format(Locale.ROOT, "%.2f", r.value());
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s |%n", r.contender(), r.db(),
                    r.nodes(), r.workload(), value, r.unit()));
        }
        return md.append("\nMode ").append(mode.name()).append(": throughput ").append(mode.tasks())
                .append(" no-op tasks all due at once (").append(mode.warmUp()).append(" warm-up tasks first, not"
                        + " counted); lateness ").append(mode.latenessTasks()).append(" one-off tasks over ")
                .append(mode.latenessSpread().toSeconds()).append(" s; scale ").append(mode.scaleDue())
                .append(" due tasks beside ").append(mode.scaleFuture()).append(" future tasks; failover ")
                .append(mode.failoverTasks()).append(" long runs on 3 nodes (db-scheduler and Quartz: 3 JVMs), one"
                        + " killed; \">\" marks a wait given up after ").append(JvmFailover.CAP.toSeconds())
                .append(" s, a lower bound.\n").toString();
    }
}
