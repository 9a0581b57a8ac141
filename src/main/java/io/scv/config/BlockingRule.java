package io.scv.config;

import java.util.List;

/** Records that agree on every key expression (Spark SQL over standardised fields) become a candidate pair. */
public record BlockingRule(String name, List<String> keys) {
    public BlockingRule {
        keys = List.copyOf(keys);
    }
}
