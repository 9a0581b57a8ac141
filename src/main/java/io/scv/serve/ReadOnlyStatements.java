package io.scv.serve;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

import java.util.List;

/**
 * The server is for reading: analysts and BI tools must not be one click from {@code DELETE FROM scv.customer}. A
 * statement is parsed (not analysed, nothing runs) and let through when it is a query, or a command that only
 * looks or sets a session option: SHOW, DESCRIBE, EXPLAIN, SET, RESET, USE. Everything else (DML, DDL, CACHE,
 * temporary views over files, ...) is refused with SQLSTATE 25006, as PostgreSQL refuses writes in a read-only
 * transaction. Queries over files ({@code SELECT * FROM csv.`/path`}) are off per connection
 * ({@code spark.sql.runSQLOnFiles=false}).
 */
final class ReadOnlyStatements {
    /** Command classes by the start of their simple name: the look-only ones. */
    private static final List<String> LOOKING = List.of("Show", "Describe", "Explain", "SetCommand", "ResetCommand",
            "SetCatalogAndNamespace", "SetNamespace");

    private ReadOnlyStatements() {
    }

    static void check(SparkSession session, String sql) {
        LogicalPlan plan;
        try {
            plan = ((org.apache.spark.sql.classic.SparkSession) session).sessionState().sqlParser().parsePlan(sql);
        } catch (ParseException e) {
            return;   // cannot run either: spark.sql reports the syntax error
        }
        boolean writes = plan instanceof InsertIntoStatement
                || plan instanceof Command && LOOKING.stream().noneMatch(plan.getClass().getSimpleName()::startsWith);
        if (writes) {
            throw new SqlStateException("25006", "the scv SQL server is read-only: "
                    + plan.getClass().getSimpleName().replaceAll("(Command|Statement)$", "")
                    + " is not allowed; change the warehouse with the scv job and its subcommands");
        }
    }
}
