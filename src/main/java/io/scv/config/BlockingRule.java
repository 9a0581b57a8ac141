package io.scv.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Records that agree on every key expression (Spark SQL over standardised fields) become a candidate pair. */
public record BlockingRule(String name, List<String> keys) {
    public BlockingRule {
        keys = List.copyOf(keys);
    }

    /** The fields the keys read (the config loader has checked that every key parses). */
    public Set<String> fieldsUsed() {
        var out = new TreeSet<String>();
        keys.forEach(k -> out.addAll(SqlExpressions.columnsUsed(k)));
        return out;
    }
}
