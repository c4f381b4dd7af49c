package dev.clockwork.bench;

import java.util.Map;

/** One measured number: a contender on a database with some nodes, for one workload. */
record Result(String contender, String db, int nodes, String workload, double value, String unit,
              Map<String, String> settings) {
}
