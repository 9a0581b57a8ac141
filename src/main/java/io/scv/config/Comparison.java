package io.scv.config;

import java.util.List;

/** A named comparison: ordered levels, first match wins; when the field is null on either side the weight is 0. */
public record Comparison(String name, String field, List<ComparisonLevel> levels) {
    public Comparison {
        levels = List.copyOf(levels);
    }
}
