package io.scv.eval;

import io.scv.block.Blocking;
import io.scv.ingest.RecordKeys;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

import static org.apache.spark.sql.functions.*;

/**
 * How many true pairs blocking lets through, and at what cost. True pairs are pairs of records of one entity among
 * the records present in both the run ({@code record_key}) and the truth, leaving out pairs inside a source that is
 * not linked within itself (blocking never pairs those; they are reported apart). They are counted from entity
 * sizes per source: a semi join of the truth with the records and two aggregations. The true pairs among the
 * candidates ({@code l_key < r_key}, {@code rules}) come from joining the candidates with the truth on both keys,
 * then one aggregation per blocking rule over the exploded rules gives candidates, true pairs found and true pairs
 * only that rule found. Five shuffles in all, partitions from {@code spark.sql.shuffle.partitions}.
 */
public final class BlockingEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(BlockingEvaluation.class);

    private BlockingEvaluation() {
    }

    /** Every source links within itself. */
    public static BlockingMetrics evaluate(Dataset<Row> candidates, Dataset<Row> recordKeys, Truth truth,
                                           long comparablePairs) {
        return evaluate(candidates, recordKeys, truth, comparablePairs, Set.of());
    }

    /**
     * @param candidates             {@code l_key}, {@code r_key}, {@code rules} (array of rule names; without it,
     *                               no per-rule numbers)
     * @param recordKeys             {@code record_key} of every record of the run
     * @param comparablePairs        pairs blocking could produce at most; see {@link #comparablePairs}
     * @param sourcesNotLinkedWithin sources whose records are never paired with each other
     */
    public static BlockingMetrics evaluate(Dataset<Row> candidates, Dataset<Row> recordKeys, Truth truth,
                                           long comparablePairs, Set<String> sourcesNotLinkedWithin) {
        if (comparablePairs < 0) {
            throw new IllegalArgumentException("comparable pairs must be at least 0, was: " + comparablePairs);
        }
        long start = System.nanoTime();
        var spark = candidates.sparkSession();
        var present = truth.mapping().join(recordKeys.select("record_key"), new String[]{"record_key"}, "left_semi")
                .select(col("record_key"), col("entity_id"), RecordKeys.source(col("record_key")).as("source"));
        spark.sparkContext().setJobDescription("evaluate blocking: count true pairs from entity sizes");
        Row truePairs = truePairCounts(present, sourcesNotLinkedWithin);
        spark.sparkContext().setJobDescription("evaluate blocking: true pairs among candidates, per rule");
        var perRuleRows = perRule(annotate(candidates, present, sourcesNotLinkedWithin)).collectAsList();
        long candidatePairs = 0;
        long found = 0;
        var rules = new ArrayList<RuleBlockingMetrics>();
        for (Row r : perRuleRows) {
            candidatePairs += r.getLong(4);
            found += r.getLong(5);
            if (!r.isNullAt(0)) {
                rules.add(new RuleBlockingMetrics(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3)));
            }
        }
        rules.sort(Comparator.comparing(RuleBlockingMetrics::rule));
        if (candidatePairs > comparablePairs) {
            throw new IllegalArgumentException(String.format("comparable pairs must be at least the %,d candidate "
                    + "pairs, was: %,d", candidatePairs, comparablePairs));
        }
        var metrics = new BlockingMetrics(truePairs.getLong(0), comparablePairs, candidatePairs,
                truePairs.getLong(1) / 2 - truePairs.getLong(2) / 2, truePairs.getLong(2) / 2, found, rules);
        LOG.info(String.format(Locale.ROOT, "evaluate blocking: %d candidate pairs hold %d of %d true pairs "
                        + "(recall %.4f, reduction ratio %.6f) in %.1f s", candidatePairs, found, metrics.truePairs(),
                metrics.recall(), metrics.reductionRatio(), (System.nanoTime() - start) / 1e9));
        return metrics;
    }

    /**
     * All pairs of records, less the pairs inside each source not linked within itself: n(n-1)/2 - sum over those
     * sources of n_s(n_s-1)/2. One aggregation by source.
     */
    public static long comparablePairs(Dataset<Row> recordKeys, Set<String> sourcesNotLinkedWithin) {
        return Blocking.comparablePairs(recordKeys.select(RecordKeys.source(col("record_key")).as("source")),
                sourcesNotLinkedWithin);
    }

    /** Truth records present, twice the true pairs and twice the true pairs inside unlinked sources. */
    private static Row truePairCounts(Dataset<Row> present, Set<String> notLinked) {
        Column n = col("n");
        return present.groupBy("entity_id", "source").agg(count(lit(1)).as("n"))
                .groupBy("entity_id")
                .agg(sum(n).as("n"), sum(when(inSources(col("source"), notLinked), n.multiply(n.minus(1))))
                        .as("inside"))
                .agg(coalesce(sum(n), lit(0L)).cast("long"), coalesce(sum(n.multiply(n.minus(1))), lit(0L))
                        .cast("long"), coalesce(sum("inside"), lit(0L)).cast("long"))
                .first();
    }

    /** Candidates with {@code _true}: both records present in the truth, same entity, and a comparable pair. */
    private static Dataset<Row> annotate(Dataset<Row> candidates, Dataset<Row> present, Set<String> notLinked) {
        Column sameUnlinkedSource = col("_ls").equalTo(col("_rs")).and(inSources(col("_ls"), notLinked));
        Column rules = Arrays.asList(candidates.columns()).contains("rules") ? col("rules")
                : lit(null).cast("array<string>");
        return candidates.select(col("l_key"), col("r_key"), rules.as("rules"))
                .join(present.select(col("record_key").as("l_key"), col("entity_id").as("_le"),
                        col("source").as("_ls")), new String[]{"l_key"}, "left")
                .join(present.select(col("record_key").as("r_key"), col("entity_id").as("_re"),
                        col("source").as("_rs")), new String[]{"r_key"}, "left")
                .select(col("rules"), coalesce(col("_le").equalTo(col("_re")).and(not(sameUnlinkedSource)),
                        lit(false)).as("_true"));
    }

    /**
     * Per rule: candidates, true pairs found, true pairs only this rule found; and, counted once per candidate on
     * its first rule (or its null rule when it has none), candidates and true pairs overall, so one job gives both.
     */
    private static Dataset<Row> perRule(Dataset<Row> annotated) {
        Column isTrue = col("_true");
        Column first = col("_pos").isNull().or(col("_pos").equalTo(0));
        return annotated
                .select(isTrue, coalesce(size(col("rules")).equalTo(1), lit(false)).as("_only"),
                        posexplode_outer(col("rules")).as(new String[]{"_pos", "rule"}))
                .groupBy("rule")
                .agg(count(lit(1)), count(when(isTrue, 1)), count(when(isTrue.and(col("_only")), 1)),
                        count(when(first, 1)), count(when(first.and(isTrue), 1)));
    }

    private static Column inSources(Column source, Set<String> sources) {
        return sources.isEmpty() ? lit(false) : coalesce(source.isin(sources.toArray()), lit(false));
    }
}
