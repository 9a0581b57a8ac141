package io.scv.bench;

import io.scv.block.RuleCount;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one benchmark run: one row of the table in docs/benchmarks.md.
 *
 * @param finished        when the run ended
 * @param sample          the extracts, their row counts and generation time
 * @param recordsMatched  records the job matched: the source records less those quarantined
 * @param stageSeconds    the job's wall seconds per stage, in the order the stages ran
 * @param jobSeconds      the job from reading to the last table published (its run summary's total)
 * @param perRule         candidate pairs, keys and hot keys of each blocking rule
 * @param idEvents        the run's customer ID lineage events by kind (created, merged, split, retired...)
 * @param spark           Spark jobs, tasks and shuffle bytes of the job
 * @param jobHeap         the heap while the job ran (Spark's executors included, under a local master)
 * @param pairwiseF1      pairwise F1 of the published customer_xref against the generator's truth
 * @param bCubedF1        B-cubed F1 of the same
 * @param evaluateSeconds the evaluation against truth, not part of the job
 * @param extractBytes    the extracts on disk (truth files included)
 * @param warehouseBytes  the warehouse the job wrote, on disk
 * @param baseline        the single-JVM baseline on the same extracts; null when it did not run
 * @param baselineStatus  why there is no baseline: "skipped" (--no-baseline), "n/a" (not built yet), "failed";
 *                        null when it ran
 */
public record BenchResult(Instant finished, BenchMachine machine, BenchSample sample, long recordsMatched,
                          Map<String, Double> stageSeconds, double jobSeconds, List<RuleCount> perRule,
                          long candidatePairs,
                          long matchedPairs, long customers, Map<String, Long> idEvents,
                          BenchSparkListener.Figures spark,
                          BenchHeap.Peak jobHeap, double pairwiseF1, double bCubedF1, double evaluateSeconds,
                          long extractBytes, long warehouseBytes, BaselineResult baseline, String baselineStatus) {
    public BenchResult {
        stageSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds));
        perRule = List.copyOf(perRule);
        idEvents = Collections.unmodifiableMap(new LinkedHashMap<>(idEvents));
        if ((baseline == null) == (baselineStatus == null)) {
            throw new IllegalArgumentException("a baseline result or the reason it is missing, not both; were: "
                    + baseline + ", " + baselineStatus);
        }
    }

    /** Candidate pairs per second of the score stage (comparing and scoring every pair). */
    public double pairsPerScoreSecond() {
        return candidatePairs / stageSeconds.getOrDefault("score", Double.NaN);
    }

    /** Candidate pairs per second of the whole job. */
    public double pairsPerJobSecond() {
        return candidatePairs / jobSeconds;
    }

    /** The job's time over the baseline's; NaN without a baseline. */
    public double jobOverBaseline() {
        return baseline == null ? Double.NaN : jobSeconds / baseline.totalSeconds();
    }
}
