package io.scv.serve;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.time.ZoneId;
import java.util.Iterator;

/**
 * What one statement gave: rows with their schema (sent as they are read, so the iterator is consumed once, possibly
 * over several Execute messages), or only a command tag such as SET, BEGIN or CREATE TABLE. Also whether it opened or
 * closed a (no-op) transaction, which the client sees in ReadyForQuery.
 */
final class StatementResult {
    enum Transaction { UNCHANGED, BEGIN, END }

    private final StructType schema;
    private final Iterator<Row> rows;
    private final String commandTag;
    private final ZoneId zone;
    private final Transaction transaction;
    private final long startNanos = System.nanoTime();
    private long rowsSent;
    private boolean complete;

    private StatementResult(StructType schema, Iterator<Row> rows, String commandTag, ZoneId zone,
                            Transaction transaction) {
        this.schema = schema;
        this.rows = rows;
        this.commandTag = commandTag;
        this.zone = zone;
        this.transaction = transaction;
    }

    static StatementResult rows(StructType schema, Iterator<Row> rows, ZoneId zone) {
        return new StatementResult(schema, rows, null, zone, Transaction.UNCHANGED);
    }

    static StatementResult command(String tag) {
        return command(tag, Transaction.UNCHANGED);
    }

    static StatementResult command(String tag, Transaction transaction) {
        return new StatementResult(null, null, tag, ZoneId.of("UTC"), transaction);
    }

    boolean hasRows() {
        return schema != null;
    }

    StructType schema() {
        return schema;
    }

    Iterator<Row> rows() {
        return rows;
    }

    ZoneId zone() {
        return zone;
    }

    Transaction transaction() {
        return transaction;
    }

    long rowsSent() {
        return rowsSent;
    }

    void countRow() {
        rowsSent++;
    }

    boolean complete() {
        return complete;
    }

    void markComplete() {
        complete = true;
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** SELECT n for rows (PostgreSQL's tag for any row result); the command's own tag otherwise. */
    String tag() {
        return hasRows() ? "SELECT " + rowsSent : commandTag;
    }
}
