package io.scv.cli;

import io.scv.catalog.Catalogue;
import io.scv.config.ConfigLoader;
import io.scv.config.Locations;
import io.scv.config.ScvConfig;
import io.scv.serve.SqlServer;
import io.scv.serve.SqlServerSettings;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code scv serve-sql}: serves a warehouse's published tables to SQL clients over the PostgreSQL wire protocol
 * ({@link SqlServer}) until SIGTERM or Ctrl-C. On start {@link Catalogue#register} registers the tables in Spark's
 * catalogue as {@code scv.<table>} with the analyst views, so clients query them by name. Costs: registering reads
 * each table's Delta log once; every statement is then Spark work in this JVM (local Spark embedded, or the cluster
 * spark-submit gives).
 */
final class ServeSqlCommand {
    static final String PASSWORD_VARIABLE = "SCV_SQL_PASSWORD";
    static final String HELP = """
            scv serve-sql [--warehouse DIR] [--config FILE] [--host H] [--port P] [--max-connections N] [--max-rows N]
              Serves the warehouse's tables (scv.customer, scv.customer_xref, scv.match_evidence, ...) and analyst
              views (scv.customer_360, ...) to SQL clients over the PostgreSQL protocol until stopped (SIGTERM,
              Ctrl-C): psql, the PostgreSQL JDBC driver, the PostgreSQL connector of a BI tool. Statements are Spark
              SQL. See docs/sql-server.md.
              --warehouse DIR        the tables (default: run.warehouse of --config)
              --config FILE          the run's config: its spark settings, and the warehouse without --warehouse
              --host H               the address to listen on (default 127.0.0.1: this machine only)
              --port P               the port (default 15432; 0 picks a free one)
              --max-connections N    client connections served at once (default 8)
              --max-rows N           the most rows one statement sends (default 1000000); past it the client
                                     gets a notice and the rest is dropped
              Environment: SCV_SQL_PASSWORD, when set, is the password every client must give. It travels in
              cleartext: use it on a trusted network or through an SSH tunnel.
              Connect: psql -h 127.0.0.1 -p 15432 -d scv   or JDBC jdbc:postgresql://127.0.0.1:15432/scv""";
    private static final Set<String> VALUE_OPTIONS = Set.of("warehouse", "config", "host", "port",
            "max-connections", "max-rows");

    private ServeSqlCommand() {
    }

    /** Where the tables are, the Spark settings and how to listen; checked before any Spark work. */
    record Request(String warehouse, Map<String, String> spark, SqlServerSettings settings) {
    }

    static Args args(List<String> argv) {
        return new Args("serve-sql", argv, VALUE_OPTIONS, Set.of());
    }

    static int run(Args args, PrintStream out) throws Exception {
        var request = request(args, System.getenv(PASSWORD_VARIABLE));
        var stopped = new CountDownLatch(1);
        try {
            try (SparkSession spark = SparkSessionFactory.create("scv serve-sql", request.spark(), 10)) {
                serve(spark, request, out, stopped);
            }
            out.println("scv sql server stopped");
        } finally {
            stopped.countDown();
        }
        return 0;
    }

    /** Registers the tables, serves until the JVM is asked to stop, then closes the server. */
    private static void serve(SparkSession spark, Request request, PrintStream out, CountDownLatch stopped)
            throws Exception {
        List<String> names = Catalogue.register(spark, request.warehouse());
        try (var server = new SqlServer(spark, request.settings()).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                awaitQuietly(stopped); // let the main thread close Spark before the JVM halts
            }, "scv-sql-shutdown"));
            out.printf("scv sql server listening on %s:%d (PostgreSQL protocol); tables: %s%n", server.host(),
                    server.port(), names.isEmpty() ? "none" : String.join(", ", names));
            out.flush();
            server.awaitClosed();
        }
    }

    static Request request(Args args, String password) {
        String configArg = args.get("config", null);
        ScvConfig config = configArg == null ? null : ConfigLoader.load(Path.of(configArg));
        String warehouse = args.get("warehouse", config == null ? null : config.run().warehouse());
        if (warehouse == null) {
            throw new UsageException("serve-sql", "give --warehouse, --config or both");
        }
        if (!Locations.isUri(warehouse) && !Files.isDirectory(Path.of(warehouse))) {
            throw new UsageException("serve-sql", "no warehouse folder at " + Path.of(warehouse).toAbsolutePath()
                    + "; run the job first (jobs/scv run --config FILE --warehouse " + warehouse + ")");
        }
        var settings = SqlServerSettings.defaults();
        try {
            settings = settings.withAddress(args.get("host", settings.host()),
                    args.getInt("serve-sql", "port", settings.port()))
                    .withLimits(args.getInt("serve-sql", "max-connections", settings.maxConnections()),
                            args.getInt("serve-sql", "max-rows", (int) settings.maxRowsPerResult()))
                    .withPassword(password == null || password.isEmpty() ? null : password);
        } catch (IllegalArgumentException e) {
            throw new UsageException("serve-sql", e.getMessage());
        }
        return new Request(warehouse, config == null ? Map.of() : config.spark(), settings);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
