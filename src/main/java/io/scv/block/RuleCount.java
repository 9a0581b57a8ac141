package io.scv.block;

/** What one blocking rule produced: distinct keys, candidate pairs (before de-duplication across rules), hot keys. */
public record RuleCount(String rule, long keys, long pairs, long hotKeys, long recordsInHotKeys) {
}
