package io.scv.cli;

import com.fasterxml.jackson.databind.node.TextNode;
import io.scv.catalog.Catalogue;
import io.scv.config.ConfigLoader;
import io.scv.config.ScvConfig;
import io.scv.serve.NestedValueJson;
import io.scv.serve.SqlText;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code scv sql}: Spark SQL over a warehouse, its tables and views registered by name ({@code scv.customer},
 * {@code scv.marketing_audience}, ...). For analysts without a notebook and for scripts: statements from
 * {@code --query} or a file, results as a text table or JSON lines. Shows at most {@code --limit} rows of a result
 * (collects no more than that to the driver).
 */
final class SqlCommand {
    static final String HELP = """
            scv sql --warehouse DIR (--query SQL | --file FILE) [--config FILE] [--limit N] [--json]
              Runs Spark SQL over a warehouse. Its tables are registered as scv.<table> (scv.customer,
              scv.customer_xref, scv.match_evidence, scv.quarantine, scv.id_lineage, scv.run_log, ...) with the
              views scv.source_overlap, scv.customer_360, scv.marketing_audience and
              global_temp.customer_changes (see docs/analysts.md).
              --query SQL    one statement
              --file FILE    statements separated by ';' (not one inside quotes or a comment)
              --config FILE  Spark settings (its spark: section); the warehouse may come from run.warehouse
              --limit N      rows shown per result (default 50)
              --json         each row as one JSON object per line, no table""";
    static final Set<String> VALUE_OPTIONS = Set.of("warehouse", "query", "file", "config", "limit");
    static final Set<String> FLAGS = Set.of("json");

    private SqlCommand() {
    }

    static Args args(List<String> argv) {
        return new Args("sql", argv, VALUE_OPTIONS, FLAGS);
    }

    static int run(Args args, PrintStream out) throws IOException {
        ScvConfig config = args.get("config", null) == null ? null : ConfigLoader.load(Path.of(args.get("config", null)));
        var settings = config == null ? Map.<String, String>of() : config.spark();
        try (SparkSession spark = SparkSessionFactory.create("scv sql", settings, 10)) {
            return run(spark, args, config, out);
        }
    }

    /** Runs on a session the caller owns (tests share one). */
    static int run(SparkSession spark, Args args, ScvConfig config, PrintStream out) throws IOException {
        String warehouse = args.get("warehouse", config == null ? null : config.run().warehouse());
        if (warehouse == null) {
            throw new UsageException("sql", "give --warehouse (or --config with run.warehouse)");
        }
        List<String> statements = statements(args);
        int limit = limit(args);
        Catalogue.register(spark, warehouse);
        for (String statement : statements) {
            print(spark.sql(statement), limit, args.flag("json"), out);
        }
        return 0;
    }

    private static List<String> statements(Args args) throws IOException {
        String query = args.get("query", null);
        String file = args.get("file", null);
        if ((query == null) == (file == null)) {
            throw new UsageException("sql", "give exactly one of --query and --file");
        }
        if (query != null) {
            return List.of(query.strip().replaceAll(";$", ""));
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new UsageException("sql", "--file not found: " + file);
        }
        return SqlText.split(Files.readString(path));
    }

    private static int limit(Args args) {
        String value = args.get("limit", "50");
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("sql", "--limit must be a whole number of rows, 0 or more, was: " + value);
    }

    private static void print(Dataset<Row> result, int limit, boolean json, PrintStream out) {
        String[] columns = result.columns();
        List<Row> rows = result.limit(limit + 1).collectAsList();
        boolean more = rows.size() > limit;
        rows = rows.subList(0, Math.min(limit, rows.size()));
        if (json) {
            ZoneId zone = ZoneId.of(result.sparkSession().conf().get("spark.sql.session.timeZone"));
            rows.forEach(r -> out.println(jsonOf(result.schema(), r, zone)));
            return;
        }
        if (columns.length == 0) {
            out.println("OK");
            return;
        }
        out.print(TextTable.of(columns, rows));
        out.println(more ? "(first " + limit + " rows; --limit N shows more)"
                : "(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    /** One JSON object per row, rendered as the SQL server renders nested values: numbers and booleans bare. */
    private static String jsonOf(StructType schema, Row row, ZoneId zone) {
        var json = new StringBuilder("{");
        for (int i = 0; i < schema.size(); i++) {
            json.append(i == 0 ? "" : ",").append(new TextNode(schema.fields()[i].name())).append(':')
                    .append(NestedValueJson.render(row.get(i), schema.fields()[i].dataType(), zone));
        }
        return json.append('}').toString();
    }
}
