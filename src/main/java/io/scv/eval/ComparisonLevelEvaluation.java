package io.scv.eval;

import io.scv.compare.Scoring;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * What the truth says about each comparison level, to hold against the configured weights: per comparison and
 * level label, the scored pairs with both records in the truth that fall into it as true matches and as
 * non-matches, the mean weight scoring gave them, and the empirical m and u (see {@link LevelMetrics}). Two joins of
 * the scored pairs with the truth, then one aggregation over the exploded comparisons; the result has one row per
 * level, so it is collected.
 */
public final class ComparisonLevelEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(ComparisonLevelEvaluation.class);

    private ComparisonLevelEvaluation() {
    }

    /**
     * @param scoredPairs {@code l_key}, {@code r_key},
     *                    {@code comparisons} (array of struct name string, level string, weight double)
     * @return per comparison in the order of the {@code comparisons} array, its levels by mean weight, highest
     * first, and the null level last
     */
    public static List<LevelMetrics> evaluate(Dataset<Row> scoredPairs, Truth truth) {
        long start = System.nanoTime();
        var mapping = truth.mapping();
        scoredPairs.sparkSession().sparkContext().setJobDescription("evaluate comparisons: level counts by truth");
        var rows = scoredPairs.select("l_key", "r_key", "comparisons")
                .join(mapping.select(col("record_key").as("l_key"), col("entity_id").as("_le")), "l_key")
                .join(mapping.select(col("record_key").as("r_key"), col("entity_id").as("_re")), "r_key")
                .select(col("_le").equalTo(col("_re")).as("_match"),
                        posexplode(col("comparisons")).as(new String[]{"_pos", "_c"}))
                .groupBy(col("_c.name").as("comparison"),
                        coalesce(col("_c.level"), lit(Scoring.NULL_LEVEL)).as("level"))
                .agg(min("_pos"), count(when(col("_match"), 1)), count(when(not(col("_match")), 1)),
                        avg(col("_c.weight")))
                .collectAsList();
        var levels = toLevels(rows);
        LOG.info(String.format(Locale.ROOT, "evaluate comparisons: %d levels of %d comparisons in %.1f s",
                levels.size(), levels.stream().map(LevelMetrics::comparison).distinct().count(),
                (System.nanoTime() - start) / 1e9));
        return levels;
    }

    private record LevelCount(String comparison, String level, int position, long matches, long nonMatches,
                              double meanWeight) {
        boolean isNull() {
            return Scoring.NULL_LEVEL.equals(level);
        }
    }

    private static List<LevelMetrics> toLevels(List<Row> rows) {
        var counts = new ArrayList<LevelCount>();
        for (Row r : rows) {
            counts.add(new LevelCount(r.getString(0), r.getString(1), r.getInt(2), r.getLong(3), r.getLong(4),
                    r.isNullAt(5) ? Double.NaN : r.getDouble(5)));
        }
        Map<String, long[]> notNull = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        for (var c : counts) {
            position.merge(c.comparison(), c.position(), Math::min);
            long[] totals = notNull.computeIfAbsent(c.comparison(), k -> new long[2]);
            if (!c.isNull()) {
                totals[0] += c.matches();
                totals[1] += c.nonMatches();
            }
        }
        counts.sort(Comparator.<LevelCount>comparingInt(c -> position.get(c.comparison()))
                .thenComparing(LevelCount::comparison)
                .thenComparing(LevelCount::isNull)
                .thenComparing(Comparator.comparingDouble(LevelCount::meanWeight).reversed())
                .thenComparing(LevelCount::level));
        var levels = new ArrayList<LevelMetrics>();
        for (var c : counts) {
            long[] totals = notNull.get(c.comparison());
            levels.add(new LevelMetrics(c.comparison(), c.level(), c.matches(), c.nonMatches(),
                    c.isNull() ? Double.NaN : share(c.matches(), totals[0]),
                    c.isNull() ? Double.NaN : share(c.nonMatches(), totals[1]), c.meanWeight()));
        }
        return levels;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
