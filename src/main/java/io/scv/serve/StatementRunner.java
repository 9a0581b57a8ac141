package io.scv.serve;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Runs one connection's statements on its own Spark session, a {@link SparkSession#newSession()} of the server's:
 * its own SET and USE, the shared catalogue (the {@code scv} database), cache and SparkContext. PostgreSQL-only
 * statements are answered by {@link PostgresOnlyStatements}; the rest go to {@code spark.sql}, PostgreSQL type names
 * in casts translated ({@link PostgresCasts}). A query is only
 * planned here: its rows are read later, one Spark job per partition, as the client takes them (a small LIMIT is
 * collected at once instead). Its jobs carry the connection's job group (the Spark UI shows "scv sql: connection 3,
 * statement 12"), which a cancel request cancels.
 */
final class StatementRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StatementRunner.class);
    /** First words of statements that return rows and that it is harmless to plan (or run) to describe them. */
    private static final Set<String> ROW_STATEMENTS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM", "SHOW",
            "DESCRIBE", "DESC", "EXPLAIN");
    private static final Set<String> DML = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");
    /**
     * A query with a LIMIT of at most this many rows (a BI tool's preview) is collected at once: Spark then reads
     * partitions only until it has the rows, where streaming reads every partition and shuffles them to one.
     */
    private static final long COLLECTED_LIMIT = 10_000;
    private static final List<String> OBJECT_WORDS = List.of("table", "view", "database", "schema", "namespace",
            "function", "catalog", "variable");

    private final SparkSession session;
    private final int connectionId;
    private final ServerParameters parameters;
    private final String jobGroup;
    private int statements;
    private String lastStatement = "";
    private volatile boolean cancelled;

    StatementRunner(SparkSession session, int connectionId, ServerParameters parameters) {
        this.session = session;
        this.connectionId = connectionId;
        this.parameters = parameters;
        this.jobGroup = "scv-sql-" + connectionId;
    }

    int statements() {
        return statements;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** The text of the statement run or described last (for error hints; never logged above DEBUG). */
    String lastStatement() {
        return lastStatement;
    }

    ZoneId zone() {
        return ZoneId.of(session.conf().get("spark.sql.session.timeZone"));
    }

    StatementResult execute(String sql) {
        statements++;
        cancelled = false;
        lastStatement = sql;
        LOG.debug("sql connection {} statement {}: {}", connectionId, statements, sql);
        var local = PostgresOnlyStatements.answer(sql, parameters, session.version());
        if (local != null) {
            return local;
        }
        String translated = PostgresCasts.translate(sql);
        ReadOnlyStatements.check(session, translated);
        session.sparkContext().setJobGroup(jobGroup, "scv sql: connection " + connectionId + ", statement "
                + statements, true);
        Dataset<Row> result = session.sql(translated);
        StructType schema = result.schema();
        String first = SqlText.firstWord(sql);
        if (schema.isEmpty()) {
            return StatementResult.command(commandTag(sql, first, -1));
        }
        if (DML.contains(first) && schema.fieldNames()[0].equals("num_affected_rows")) {
            List<Row> counts = result.takeAsList(1);
            long affected = counts.isEmpty() || counts.get(0).isNullAt(0) ? 0
                    : ((Number) counts.get(0).get(0)).longValue();
            return StatementResult.command(commandTag(sql, first, affected));
        }
        return StatementResult.rows(schema, cancellable(rows(result)), zone());
    }

    /**
     * A cancel that arrives while the statement is still being planned finds no Spark job to cancel; the flag it
     * leaves stops the rows before the next job starts (and before the first).
     */
    private Iterator<Row> cancellable(Iterator<Row> rows) {
        stopIfCancelled();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                stopIfCancelled();
                return rows.hasNext();
            }

            @Override
            public Row next() {
                return rows.next();
            }
        };
    }

    private void stopIfCancelled() {
        if (cancelled) {
            throw new SqlStateException(SqlStateException.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    private Iterator<Row> rows(Dataset<Row> result) {
        stopIfCancelled();
        LogicalPlan plan = result.queryExecution().optimizedPlan();
        if (plan instanceof GlobalLimit limit && limit.limitExpr().foldable()
                && limit.limitExpr().eval(null) instanceof Number n && n.longValue() <= COLLECTED_LIMIT) {
            return result.collectAsList().iterator();
        }
        return result.toLocalIterator();
    }

    /**
     * The columns a prepared statement will return (its parameters already replaced by stand-ins), or null when
     * it returns none. Only statements whose first word says they return rows are planned; the others would run.
     */
    StructType describe(String sql) {
        lastStatement = sql;
        var local = PostgresOnlyStatements.answer(sql, parameters, session.version());
        if (local != null) {
            return local.hasRows() ? local.schema() : null;
        }
        if (!ROW_STATEMENTS.contains(SqlText.firstWord(sql))) {
            return null;
        }
        session.sparkContext().setJobGroup(jobGroup, "scv sql: connection " + connectionId + ", describe", true);
        StructType schema = session.sql(PostgresCasts.translate(sql)).schema();
        return schema.isEmpty() ? null : schema;
    }

    /** Cancels the Spark jobs of this connection's running statement. */
    void cancel() {
        cancelled = true;
        session.sparkContext().cancelJobGroup(jobGroup);
    }

    /** PostgreSQL's tag for a statement that returned no rows: INSERT 0 n, UPDATE n, CREATE TABLE, DROP VIEW... */
    private static String commandTag(String sql, String first, long affected) {
        if (first.equals("INSERT")) {
            return "INSERT 0 " + Math.max(affected, 0);
        } else if (DML.contains(first)) {
            return first + " " + Math.max(affected, 0);
        } else if (first.equals("CREATE") || first.equals("DROP") || first.equals("ALTER")) {
            for (String word : SqlText.normalized(sql).split(" ")) {
                if (OBJECT_WORDS.contains(word)) {
                    return first + " " + word.toUpperCase(java.util.Locale.ROOT);
                }
            }
        }
        return first.isEmpty() ? "OK" : first;
    }
}
