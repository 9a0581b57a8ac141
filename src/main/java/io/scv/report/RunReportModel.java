package io.scv.report;

import io.scv.block.RuleCount;
import io.scv.config.Comparison;
import io.scv.config.ComparisonLevel;
import io.scv.identity.LineageEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the run report shows: small figures a run gathers on its way (counts, rule names, level labels, weights,
 * customer IDs), never a person's values. Built by the job after publish; {@link RunReport} only renders it.
 *
 * @param pairsPerRule     candidate pairs each blocking rule formed, before de-duplication across rules
 * @param scores           match weights of the scored pairs, in bins of one
 * @param levelWeights     every comparison level with its weight, in config order
 * @param clusterSizes     customers per number of records, by size
 * @param largestCustomers the customers with the most records, largest first
 * @param quarantine       rejected rows per source, input and reason
 * @param stageSeconds     wall time per stage, in the order the stages ran
 */
public record RunReportModel(Header header, List<RuleCount> pairsPerRule, ScoreDistribution scores,
                             List<LevelWeight> levelWeights, List<SizeCount> clusterSizes,
                             List<CustomerSize> largestCustomers, List<QuarantineCount> quarantine, IdChurn idChurn,
                             Map<String, Double> stageSeconds, double totalSeconds) {
    public RunReportModel {
        pairsPerRule = List.copyOf(pairsPerRule);
        levelWeights = List.copyOf(levelWeights);
        clusterSizes = List.copyOf(clusterSizes);
        largestCustomers = List.copyOf(largestCustomers);
        quarantine = List.copyOf(quarantine);
        stageSeconds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds));
    }

    /**
     * The run and its headline counts.
     *
     * @param candidatePairs distinct candidate pairs, after de-duplication across rules
     * @param reviewPairs    pairs at or above the review threshold but below the match threshold
     */
    public record Header(String runId, Instant startedAt, String warehouse, String configFile, String configHash,
                         String version, boolean incremental, long records, long quarantined, long candidatePairs,
                         long reviewPairs, long matchedPairs, long customers, long singletons,
                         long largestCluster) {
    }

    /**
     * How many scored pairs fell into each bin of match weight (the score, log2 odds), and where the thresholds lie.
     *
     * @param bins            non-empty bins, by their lower bound: a pair with score s is in bin floor(s)
     * @param reviewThreshold probability at or above which a pair is kept for review
     * @param matchThreshold  probability at or above which a pair becomes an edge
     * @param scope           which pairs were counted, in words
     */
    public record ScoreDistribution(List<ScoreBin> bins, double reviewThreshold, double matchThreshold,
                                    String scope) {
        public ScoreDistribution {
            bins = List.copyOf(bins);
        }

        /** The score at which a pair reaches a probability: log2 of its odds. */
        public static double scoreAt(double probability) {
            return Math.log(probability / (1 - probability)) / Math.log(2);
        }

        public long pairs() {
            return bins.stream().mapToLong(ScoreBin::pairs).sum();
        }
    }

    /** Pairs whose score is at least {@code lower} and below {@code lower + 1}. */
    public record ScoreBin(long lower, long pairs) {
    }

    /** @param termFrequency the weight is adjusted by how rare the agreeing value is; the bar shows the base */
    public record LevelWeight(String comparison, String level, double weight, boolean termFrequency) {
        /** Every level of every comparison, in config order. */
        public static List<LevelWeight> of(List<Comparison> comparisons) {
            var out = new ArrayList<LevelWeight>();
            for (Comparison c : comparisons) {
                for (ComparisonLevel level : c.levels()) {
                    out.add(new LevelWeight(c.name(), level.label(), level.weight(), c.adjustsForFrequency(level)));
                }
            }
            return out;
        }
    }

    /** {@code customers} customers of {@code size} records each. */
    public record SizeCount(long size, long customers) {
    }

    public record CustomerSize(String customerId, long records) {
    }

    public record QuarantineCount(String source, String input, String reason, long rows) {
    }

    /**
     * What happened to customer IDs against the previous run.
     *
     * @param kept       previous IDs still in use
     * @param created    new IDs for records no previous customer held
     * @param splitFrom  new IDs for records split off a previous customer
     * @param mergedInto previous IDs retired into another customer
     * @param retired    previous IDs with no records left
     */
    public record IdChurn(long kept, long created, long splitFrom, long mergedInto, long retired) {
        /** From the run's lineage event counts and its number of customers (every customer is kept or new). */
        public static IdChurn of(Map<String, Long> events, long customers) {
            long created = events.getOrDefault(LineageEvent.CREATED, 0L);
            long split = events.getOrDefault(LineageEvent.SPLIT_FROM, 0L);
            return new IdChurn(customers - created - split, created, split,
                    events.getOrDefault(LineageEvent.MERGED_INTO, 0L), events.getOrDefault(LineageEvent.RETIRED, 0L));
        }

        /** The previous run's customer IDs: each is kept, merged into another or retired. */
        public long previousIds() {
            return kept + mergedInto + retired;
        }
    }
}
