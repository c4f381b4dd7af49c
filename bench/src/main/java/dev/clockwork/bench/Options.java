package dev.clockwork.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The bench's command line: {@code --name value} pairs, and what {@code --help} prints. */
final class Options {

    /** The workloads {@code --workloads} can choose from. */
    static final List<String> WORKLOADS = List.of("throughput", "lateness", "scale", "failover");

    static final String USAGE = "Options (each takes a value; all optional):\n"
            + "  --mode quick|full                       sizes (default quick)\n"
            + "  --db postgresql,mariadb                 databases (default both)\n"
            + "  --contenders limit,db-scheduler,quartz,clockwork   (default all)\n"
            + "  --workloads throughput,lateness,scale,failover     (default all; Clockwork's runs measure theirs"
            + " together\n"
            + "                                          and each runs when any of its workloads is chosen)\n"
            + "  --nodes 1,3                             Clockwork's node counts\n"
            + "  --tasks N                               throughput tasks instead of the mode's\n"
            + "  --warm-up N                             unmeasured tasks before them\n"
            + "  --node-java-options \"-XX:...\"          options of each Clockwork node's JVM\n"
            + "  --project DIR                           Clockwork's folder (default .)\n"
            + "e.g. --mode full --contenders db-scheduler,quartz --workloads failover";

    private Options() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(USAGE + "\ngot " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
