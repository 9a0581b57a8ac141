package io.scv.bench;

import java.util.Map;

/**
 * What the single-JVM baseline did with one generated population: the same blocking, scoring and union-find as the
 * job, without Spark, so the job's time can be set against what one JVM on this hardware needs for the same work.
 *
 * @param records        records that took part in matching (after standardisation and quarantine)
 * @param candidatePairs distinct candidate pairs formed by the blocking rules
 * @param matchedPairs   pairs at or above the match threshold
 * @param clusters       connected components (customers), singletons included
 * @param stageSeconds   wall seconds per stage, in order: read, standardize, block, score, cluster
 * @param totalSeconds   wall seconds of the whole baseline
 * @param peakHeapBytes  the largest used heap seen while it ran
 * @param pairwiseF1     pairwise F1 of its clusters against the truth file, null without one
 */
public record BaselineResult(long records, long candidatePairs, long matchedPairs, long clusters,
                             Map<String, Double> stageSeconds, double totalSeconds, long peakHeapBytes,
                             Double pairwiseF1) {
}
