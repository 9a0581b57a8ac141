package io.scv.block;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Candidate pairs ({@code l_key < r_key}, {@code rules}: the rules that produced the pair), counted per rule, with
 * the hot keys that were skipped.
 *
 * @param hotKeyFingerprints every hot key of every rule as {@code rule:sha256(key)}, for the next incremental run
 * @param changed            incremental runs only (else null): {@code record_key} of the records whose pairs were
 *                           formed (new or changed, or holding a key that flipped hot-key status)
 */
public record BlockingResult(Dataset<Row> pairs, long candidatePairs, List<RuleCount> perRule, List<HotKey> hotKeys,
                             SortedSet<String> hotKeyFingerprints, Dataset<Row> changed) {
    public BlockingResult {
        perRule = List.copyOf(perRule);
        hotKeys = List.copyOf(hotKeys);
        hotKeyFingerprints = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(hotKeyFingerprints));
    }

    public BlockingResult(Dataset<Row> pairs, long candidatePairs, List<RuleCount> perRule, List<HotKey> hotKeys) {
        this(pairs, candidatePairs, perRule, hotKeys, new TreeSet<>(), null);
    }
}
