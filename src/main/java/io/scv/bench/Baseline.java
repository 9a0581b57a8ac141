package io.scv.bench;

import io.scv.config.ScvConfig;
import io.scv.standardize.Standardize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The physical-limit reference of the benchmark harness (issue 7): the job's blocking, scoring and union-find over
 * the same extracts, in one JVM without Spark. Only the harness uses it; it is not a second implementation of the job.
 *
 * <p>Stages, each timed on the wall clock: <b>read</b> the configured sources onto records as ingest does, with the
 * same quarantine rules ({@link BaselineSources}, {@link BaselineClickstream}); <b>standardize</b> with the job's own
 * functions ({@link BaselineStandardizer}); <b>block</b> with the config's rules, hot keys and budget
 * ({@link BaselineBlocking}); <b>score</b> with the config's comparison levels and weights ({@link BaselineScoring});
 * <b>cluster</b> the matches into connected components ({@link BaselineClusters}). Work that does not decide a match is
 * left out: ERP orders, golden-record fields, customer IDs, publishing. Data lives in primitive and string arrays;
 * standardisation, key building, event parsing, pair sorting and scoring use all cores (parallel streams on the
 * common pool), the rest is one thread.
 *
 * <p>Faithful to the job for configs like conf/scv.yaml; it refuses, before reading anything, what it would not
 * reproduce exactly ({@link BaselineUnsupportedConfig}: SQL levels other than conf/scv.yaml's, term-frequency
 * adjustment, mapping expressions, retention, Parquet or Delta sources, unknown key expressions). It differs from the
 * job in what it does not do: the cluster rules (max_cluster_size, min_link_density, cannot-link fields,
 * duplicate-free sources) and the warehouse's overrides and suppression list (erased people) are not applied, so its
 * clusters are connected components and its F1 is theirs. Candidate pairs and matched pairs are the job's.
 *
 * <p>Times are wall seconds from the start of {@link #run} (config checks included) to the end of clustering; F1 is
 * computed afterwards and not timed. The first run in a JVM pays class loading and JIT compilation: on 90k records
 * it takes two to three times a warm run, so a harness should say which it reports. Peak heap is used heap as sampled
 * ({@link BaselineHeapSampler}), garbage not yet collected included, so it depends on the heap limit and collector.
 */
public final class Baseline {
    private static final Logger LOG = LoggerFactory.getLogger(Baseline.class);

    private Baseline() {
    }

    /**
     * @param config the config the job ran with (sources, standardisation, blocking rules, comparisons, thresholds)
     * @param truth  the generator's truth.csv, or null to skip F1
     * @throws BaselineUnsupportedConfig when the config needs what the baseline does not reproduce exactly
     */
    public static BaselineResult run(ScvConfig config, Path truth) {
        return execute(config, truth).result();
    }

    /**
     * What a run leaves besides its figures: the records, the candidate pairs and each pair's decision, for tests
     * that compare them with the job's pair by pair.
     */
    record Run(BaselineResult result, BaselineRecords records, BaselineBlocking.Pairs pairs,
               BaselineScoring.Decisions decisions) {
    }

    static Run execute(ScvConfig config, Path truth) {
        long start = System.nanoTime();
        Standardize.checkCountries(config);
        BaselineSources.check(config);
        var extraFields = BaselineSources.extraFields(config);
        var blocking = new BaselineBlocking(config, extraFields);
        var scoring = new BaselineScoring(config, extraFields);
        Set<String> needed = new TreeSet<>(blocking.fields());
        needed.addAll(scoring.fields());
        var seconds = new LinkedHashMap<String, Double>();
        try (var heap = BaselineHeapSampler.start()) {
            var prepared = readAndStandardize(config, needed, seconds);
            var records = prepared.records();
            var pairs = timed(seconds, "block", () -> blocking.run(records));
            var decisions = timed(seconds, "score", () -> scoring.run(records, pairs.pairs()));
            var clusters = timed(seconds, "cluster", () -> BaselineClusters.of(records.size(), pairs.pairs(),
                    decisions.decisions()));
            double total = (System.nanoTime() - start) / 1e9;
            long peak = heap.peakBytes();
            Double f1 = truth == null ? null : BaselineTruth.pairCounts(truth, records, clusters).f1();
            LOG.info("baseline: {} records ({} rows quarantined), {} candidate pairs, {} for review, {} matches, {} "
                            + "clusters in {} s, peak heap {} MB{}", records.size(), prepared.quarantined(),
                    pairs.count(), decisions.reviewPairs(), decisions.matchedPairs(), clusters.count(),
                    String.format(Locale.ROOT, "%.2f", total), peak >> 20,
                    f1 == null ? "" : String.format(Locale.ROOT, ", pairwise F1 %.4f", f1));
            return new Run(new BaselineResult(records.size(), pairs.count(), decisions.matchedPairs(),
                    clusters.count(), Collections.unmodifiableMap(seconds), total, peak, f1), records, pairs,
                    decisions);
        }
    }

    private record Prepared(BaselineRecords records, long quarantined) {
    }

    /** Read and standardise; the raw records are garbage once this returns. */
    private static Prepared readAndStandardize(ScvConfig config, Set<String> needed, Map<String, Double> seconds) {
        var input = timed(seconds, "read", () -> BaselineSources.read(config));
        var records = timed(seconds, "standardize", () -> BaselineStandardizer.run(config, input, needed));
        return new Prepared(records, input.quarantined());
    }

    private static <T> T timed(Map<String, Double> seconds, String stage, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        double s = (System.nanoTime() - start) / 1e9;
        seconds.put(stage, s);
        LOG.info("baseline {}: {} s", stage, String.format(Locale.ROOT, "%.2f", s));
        return result;
    }
}
