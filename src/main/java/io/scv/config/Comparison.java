package io.scv.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A named comparison: ordered levels, first match wins; when the field is null on either side the weight is 0.
 *
 * @param termFrequency when true, agreement at an exact level on the comparison's field weighs by how rare the
 *                      agreeing value is in this run's records (log2 of u over the value's frequency is added)
 */
public record Comparison(String name, String field, List<ComparisonLevel> levels, boolean termFrequency) {
    public Comparison {
        levels = List.copyOf(levels);
    }

    public Comparison(String name, String field, List<ComparisonLevel> levels) {
        this(name, field, levels, false);
    }

    /** Whether term-frequency adjustment applies to this level: an exact level on the comparison's own field. */
    public boolean adjustsForFrequency(ComparisonLevel level) {
        return termFrequency && level.method() == LevelMethod.EXACT && level.field().equals(field);
    }

    /** The fields any of its levels reads. */
    public Set<String> fieldsUsed() {
        var out = new TreeSet<String>();
        if (field != null) {
            out.add(field);
        }
        for (ComparisonLevel level : levels) {
            if (level.field() != null) {
                out.add(level.field());
            }
            if (level.sql() != null) {
                out.addAll(SqlExpressions.columnsUsed(level.sql()));
            }
        }
        return out;
    }

    public Comparison withLevels(List<ComparisonLevel> newLevels) {
        return new Comparison(name, field, newLevels, termFrequency);
    }
}
