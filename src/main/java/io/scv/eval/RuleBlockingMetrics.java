package io.scv.eval;

/**
 * What one blocking rule contributes: its candidate pairs (before de-duplication across rules), the true pairs
 * among them, and the true pairs no other rule found (what dropping the rule would cost).
 */
public record RuleBlockingMetrics(String rule, long candidatePairs, long truePairsFound,
                                  long truePairsFoundOnlyByRule) {
}
