package dev.clockwork.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * One of the machine's database servers, with a database of the benchmark's own ({@code cw_bench}) that every
 * contender gets empty. Never the {@code test} databases.
 */
record Database(String name, String url, String user, String password, String adminUrl, String adminUser,
                String[] resetSql) {

    /** The PostgreSQL setting of {@link #customPlanPool}, as a contender's settings name it. */
    static final String CUSTOM_PLANS = "plan_cache_mode = force_custom_plan";

    /** The server of a {@code --db} name. */
    static Database named(String name) {
        return switch (name) {
            case "postgresql" -> postgresql();
            case "mariadb" -> mariadb();
            default -> throw new IllegalArgumentException("--db takes postgresql and/or mariadb, not " + name);
        };
    }

    static Database postgresql() {
        // As for MariaDB: batches of inserts go as multi-row statements (server-config's PostgreSQL pool scripts set
        // the same on Clockwork's pool); the bench's own inserts of a million future tasks need it too.
        return new Database("postgresql", "jdbc:postgresql://127.0.0.1:5432/cw_bench?currentSchema=bench"
                + "&reWriteBatchedInserts=true",
                "postgres", "trust-ignores-it", "jdbc:postgresql://127.0.0.1:5432/cw_bench", "postgres",
                new String[] {"DROP SCHEMA IF EXISTS bench CASCADE", "CREATE SCHEMA bench"});
    }

    static Database mariadb() {
        // Payara's pool needs a password, so the nodes log in as a user of the benchmark's own. Every contender sends
        // its JDBC batches as one statement (server-config/payara/mysql.asadmin sets the same on Clockwork's pool).
        return new Database("mariadb", "jdbc:mysql://127.0.0.1:3306/cw_bench?rewriteBatchedStatements=true",
                "cwbench", "cwbench-pw",
                "jdbc:mysql://127.0.0.1:3306/", "root", new String[] {"DROP DATABASE IF EXISTS cw_bench",
                "CREATE DATABASE cw_bench", "CREATE USER IF NOT EXISTS 'cwbench'@'127.0.0.1' IDENTIFIED BY 'cwbench-pw'",
                "GRANT ALL ON cw_bench.* TO 'cwbench'@'127.0.0.1'"});
    }

    boolean isPostgres() {
        return name.equals("postgresql");
    }

    /** Drops and recreates the benchmark's tables: every contender starts on an empty database. */
    void reset() throws SQLException {
        if (isPostgres()) {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
                    adminUser, password); Statement statement = admin.createStatement()) {
                if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'cw_bench'").next()) {
                    statement.execute("CREATE DATABASE cw_bench");
                }
            }
        }
        try (Connection admin = DriverManager.getConnection(adminUrl, adminUser, isPostgres() ? password : "");
             Statement statement = admin.createStatement()) {
            for (String sql : resetSql) {
                statement.execute(sql);
            }
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    HikariDataSource pool(int size) {
        return new HikariDataSource(config(size));
    }

    /**
     * A pool whose connections have PostgreSQL plan each statement for the values it is given ({@code plan_cache_mode
     * = force_custom_plan}) instead of switching to a plan for any value after five runs; elsewhere the same as
     * {@link #pool(int)}.
     */
    HikariDataSource customPlanPool(int size) {
        HikariConfig config = config(size);
        if (isPostgres()) {
            config.setConnectionInitSql("SET " + CUSTOM_PLANS);
        }
        return new HikariDataSource(config);
    }

    private HikariConfig config(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        return config;
    }

    /** What a Clockwork node reads to define its data source (server-config/payara/*.asadmin). */
    Map<String, String> nodeEnvironment() {
        return Map.of("CLOCKWORK_DB_URL", url, "CLOCKWORK_DB_USER", user, "CLOCKWORK_DB_PASSWORD", password);
    }

    void execute(String... sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}
