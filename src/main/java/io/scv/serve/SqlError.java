package io.scv.serve;

import org.apache.spark.SparkThrowable;

import java.util.Locale;

/**
 * A failed statement as the client sees it: a SQLSTATE and one line of message, never a stack trace. Spark's errors
 * already carry PostgreSQL-style SQLSTATEs (42P01 for an unknown table, 42601 for a syntax error, 22012 for a
 * division by zero); anything without one is XX000.
 */
record SqlError(String sqlState, String message) {
    private static final int MAX_MESSAGE = 1000;

    /** The failure of a statement ({@code sql}: its text, to add a hint when it reads PostgreSQL's catalogue). */
    static SqlError of(Throwable failure, boolean cancelled, String sql) {
        if (failure instanceof SqlStateException e) {
            return new SqlError(e.sqlState(), e.getMessage());
        }
        if (cancelled) {
            return new SqlError(SqlStateException.QUERY_CANCELED, "canceling statement due to user request");
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SparkThrowable spark && validState(spark.getSqlState())) {
                return new SqlError(spark.getSqlState(), withHint(oneLine(t), sql));
            }
        }
        return new SqlError(SqlStateException.INTERNAL_ERROR, withHint(oneLine(failure), sql));
    }

    private static boolean validState(String state) {
        return state != null && state.matches("[0-9A-Z]{5}");
    }

    /** The first non-blank line, without Spark's "SQLSTATE: xxxxx" (the client shows the code on its own). */
    private static String oneLine(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        String line = message.strip().lines().findFirst().orElse("").strip()
                .replaceAll("\\s*SQLSTATE: [0-9A-Z]{5};?", "");
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
    }

    private static String withHint(String message, String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.contains("pg_catalog") || lower.contains("information_schema")) {
            return message + " (this server runs Spark SQL: pg_catalog and information_schema are not available; "
                    + "list tables with SHOW TABLES IN scv and columns with DESCRIBE scv.customer)";
        }
        return message;
    }
}
