package io.scv.config;

import java.util.List;

/**
 * @param maxBlockSize      a key shared by more records than this is a hot key: skipped and reported
 * @param maxCandidatePairs the run stops before scoring when the rules would produce more pairs than this
 */
public record BlockingSettings(int maxBlockSize, long maxCandidatePairs, List<BlockingRule> rules) {
    /** Blocking marks the rules of a pair as bits of one long. */
    public static final int MAX_RULES = 63;

    public BlockingSettings {
        rules = List.copyOf(rules);
    }
}
