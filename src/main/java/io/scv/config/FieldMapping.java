package io.scv.config;

/** Where a canonical field comes from: a source column, or a Spark SQL expression over source columns. */
public record FieldMapping(String column, String expr) {
    public static FieldMapping ofColumn(String column) {
        return new FieldMapping(column, null);
    }

    public boolean isExpression() {
        return expr != null;
    }
}
