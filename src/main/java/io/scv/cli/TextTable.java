package io.scv.cli;

import org.apache.spark.sql.Row;

import java.util.List;

/** Rows as an aligned plain-text table, for a terminal: cells cut at 60 characters, NULL spelled out. */
final class TextTable {
    private static final int MAX_CELL = 60;

    private TextTable() {
    }

    static String of(String[] columns, List<Row> rows) {
        int[] width = new int[columns.length];
        String[][] cells = new String[rows.size()][columns.length];
        for (int c = 0; c < columns.length; c++) {
            width[c] = columns[c].length();
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.length; c++) {
                String cell = rows.get(r).isNullAt(c) ? "NULL" : cut(cell(rows.get(r).get(c)));
                cells[r][c] = cell;
                width[c] = Math.max(width[c], cell.length());
            }
        }
        var text = new StringBuilder();
        line(text, columns, width);
        var rule = new String[columns.length];
        for (int c = 0; c < columns.length; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        line(text, rule, width);
        for (String[] row : cells) {
            line(text, row, width);
        }
        return text.toString();
    }

    /** A value as text; Spark's Scala collections print as [a, b] and {k -> v}. */
    static String cell(Object value) {
        if (value instanceof scala.collection.Seq<?> seq) {
            return scala.jdk.javaapi.CollectionConverters.asJava(seq).toString();
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            return scala.jdk.javaapi.CollectionConverters.asJava(map).toString();
        }
        return String.valueOf(value);
    }

    private static String cut(String cell) {
        String oneLine = cell.replace('\n', ' ');
        return oneLine.length() <= MAX_CELL ? oneLine : oneLine.substring(0, MAX_CELL - 1) + "…";
    }

    private static void line(StringBuilder text, String[] cells, int[] width) {
        var line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(c == 0 ? "" : " | ").append(String.format("%-" + width[c] + "s", cells[c]));
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
