package io.scv.bench;

import io.scv.config.Comparison;
import io.scv.config.ScvConfig;
import io.scv.config.SparkStrings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Scores candidate pairs as the job's {@code Scoring} does: per comparison the neutral null level (weight 0) when
 * its field is null or an empty list on either side, else the first level whose condition holds, else 0; the score
 * is the prior's log2 odds plus the weights in config order, the probability 1 / (1 + 2^-score). A pair is a match at
 * or above both the match and the review threshold (the job only decides on pairs kept for review). The left record
 * of a pair is the one with the lower record key, as in the job. Term-frequency adjustment is refused.
 *
 * <p>Pairs are scored in chunks of {@value #CHUNK} on all cores; each pair's decision is one byte.
 */
final class BaselineScoring {
    static final byte NONE = 0;
    static final byte REVIEW = 1;
    static final byte MATCH = 2;
    private static final int CHUNK = 1 << 14;

    /** Per candidate pair (same order) {@link #NONE}, {@link #REVIEW} or {@link #MATCH}, and the counts. */
    record Decisions(byte[] decisions, long reviewPairs, long matchedPairs) {
    }

    private record ComparisonPlan(String field, BaselineRecords.Kind kind, List<BaselineLevel> levels) {
    }

    private final ScvConfig config;
    private final List<ComparisonPlan> comparisons = new ArrayList<>();

    /** Builds every comparison's levels; refuses a level or an option the baseline cannot reproduce. */
    BaselineScoring(ScvConfig config, Set<String> extraFields) {
        this.config = config;
        for (int i = 0; i < config.comparisons().size(); i++) {
            Comparison c = config.comparisons().get(i);
            String p = "comparisons[" + i + "]";
            if (c.termFrequency()) {
                throw new BaselineUnsupportedConfig(p + ".term_frequency", "term-frequency adjustment");
            }
            var kind = c.field() == null ? null : BaselineRecords.kindOf(c.field(), extraFields);
            if (c.field() != null && kind == null) {
                throw new BaselineUnsupportedConfig(p + ".field", "field '" + c.field() + "' is not a standardised "
                        + "match field");
            }
            var levels = new ArrayList<BaselineLevel>();
            for (int j = 0; j < c.levels().size(); j++) {
                levels.add(BaselineLevel.of(c.levels().get(j), p + ".levels[" + j + "]", extraFields));
            }
            comparisons.add(new ComparisonPlan(c.field(), kind, levels));
        }
    }

    /** The standardised fields the comparisons read, and {@code record_key}, which orders each pair. */
    Set<String> fields() {
        var out = new TreeSet<String>();
        for (ComparisonPlan c : comparisons) {
            if (c.field() != null) {
                out.add(c.field());
            }
            c.levels().forEach(l -> out.addAll(l.fields()));
        }
        out.add("record_key");
        return out;
    }

    Decisions run(BaselineRecords records, long[] pairs) {
        var bound = comparisons.stream().map(c -> new Bound(c, records)).toArray(Bound[]::new);
        String[] keys = records.text("record_key");
        double prior = config.scoring().priorWeight();
        double review = config.scoring().reviewThreshold();
        double match = config.scoring().matchThreshold();
        byte[] decisions = new byte[pairs.length];
        int chunks = (pairs.length + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            int end = Math.min(pairs.length, (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) {
                int a = BaselineBlocking.left(pairs[i]);
                int b = BaselineBlocking.right(pairs[i]);
                boolean aFirst = SparkStrings.compare(keys[a], keys[b]) < 0;
                double p = probability(score(bound, prior, aFirst ? a : b, aFirst ? b : a));
                decisions[i] = p < review ? NONE : p >= match ? MATCH : REVIEW;
            }
        });
        long reviewPairs = 0;
        long matched = 0;
        for (byte d : decisions) {
            reviewPairs += d == REVIEW ? 1 : 0;
            matched += d == MATCH ? 1 : 0;
        }
        return new Decisions(decisions, reviewPairs, matched);
    }

    /** Prior plus each comparison's weight, added in config order as Spark's {@code aggregate} adds them. */
    private static double score(Bound[] comparisons, double prior, int l, int r) {
        double score = prior;
        for (Bound c : comparisons) {
            score += c.weight(l, r);
        }
        return score;
    }

    /** Spark's {@code 1 / (1 + pow(2, -score))}; Spark's {@code pow} is {@link StrictMath#pow}. */
    private static double probability(double score) {
        return 1.0 / (1.0 + StrictMath.pow(2.0, score * -1));
    }

    /** A comparison bound to the records. */
    private static final class Bound {
        private final String[] text;
        private final int[] dates;
        private final String[][] lists;
        private final BaselineLevel.Test[] tests;
        private final double[] weights;

        Bound(ComparisonPlan plan, BaselineRecords records) {
            var kind = plan.kind();
            text = kind == BaselineRecords.Kind.TEXT ? records.text(plan.field()) : null;
            dates = kind == BaselineRecords.Kind.DATE ? records.dates(plan.field()) : null;
            lists = kind == BaselineRecords.Kind.LIST ? records.lists(plan.field()) : null;
            tests = plan.levels().stream().map(l -> l.bind(records)).toArray(BaselineLevel.Test[]::new);
            weights = plan.levels().stream().mapToDouble(BaselineLevel::weight).toArray();
        }

        double weight(int l, int r) {
            if (isNull(l) || isNull(r)) {
                return 0.0;
            }
            for (int i = 0; i < tests.length; i++) {
                if (tests[i].holds(l, r)) {
                    return weights[i];
                }
            }
            return 0.0;
        }

        private boolean isNull(int record) {
            if (text != null) {
                return text[record] == null;
            }
            if (dates != null) {
                return dates[record] == BaselineRecords.NO_DATE;
            }
            return lists != null && lists[record].length == 0;
        }
    }
}
