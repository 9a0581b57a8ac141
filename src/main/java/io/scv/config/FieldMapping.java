package io.scv.config;

import java.util.Set;

/** Where a canonical field comes from: a source column, or a Spark SQL expression over source columns. */
public record FieldMapping(String column, String expr) {
    public static FieldMapping ofColumn(String column) {
        return new FieldMapping(column, null);
    }

    public boolean isExpression() {
        return expr != null;
    }

    /**
     * The source columns this mapping reads: the column, or the bare names in the expression. Empty for an
     * expression that does not parse (validation has reported it already).
     */
    public Set<String> sourceColumns() {
        if (!isExpression()) {
            return Set.of(column);
        }
        try {
            return SqlExpressions.columnsUsed(expr);
        } catch (IllegalArgumentException e) {
            return Set.of();
        }
    }
}
