package io.scv.block;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * Candidate pairs ({@code l_key < r_key}, {@code rules}: the rules that produced the pair), counted per rule, with
 * the hot keys that were skipped.
 */
public record BlockingResult(Dataset<Row> pairs, long candidatePairs, List<RuleCount> perRule, List<HotKey> hotKeys) {
    public BlockingResult {
        perRule = List.copyOf(perRule);
        hotKeys = List.copyOf(hotKeys);
    }
}
