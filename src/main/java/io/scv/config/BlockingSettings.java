package io.scv.config;

import java.util.List;

/**
 * @param maxBlockSize      a key shared by more records than this is a hot key: skipped and reported
 * @param maxCandidatePairs the run stops before scoring when the rules would produce more pairs than this
 */
public record BlockingSettings(int maxBlockSize, long maxCandidatePairs, List<BlockingRule> rules) {
    public BlockingSettings {
        rules = List.copyOf(rules);
    }
}
