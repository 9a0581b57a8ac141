package io.scv.compare;

import io.scv.config.Comparison;
import io.scv.config.ComparisonLevel;
import io.scv.config.ScvConfig;
import io.scv.ingest.RecordKeys;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * Scores candidate pairs, Fellegi–Sunter style: each comparison puts the pair into its first level whose
 * condition holds (a null field gives the neutral level "null", weight 0); the score is the prior's log2 odds plus
 * the level weights, and the match probability follows from it. Every level and weight is kept in
 * {@code comparisons} so each score can be taken apart. Two joins bring both records' fields to the pair (one
 * shuffle each, partitions from {@code spark.sql.shuffle.partitions}).
 */
public final class Scoring {
    public static final String NULL_LEVEL = "null";

    private Scoring() {
    }

    public static Dataset<Row> run(Dataset<Row> pairs, Dataset<Row> records, ScvConfig config) {
        var frequencies = TermFrequencies.compute(records, config.comparisons());
        var withRecords = withBothRecords(pairs, frequencies.annotate(records));
        // Each comparison's level is chosen once per pair, as an index; label and weight are looked up from it. A
        // CASE for the label and another for the weight would run every comparator (a UDF) twice.
        var chosen = new ArrayList<Column>(List.of(col("l_key"), col("r_key"), col("rules")));
        for (Comparison c : config.comparisons()) {
            chosen.add(levelIndex(c).as(indexColumn(c)));
            if (c.levels().stream().anyMatch(c::adjustsForFrequency)) {
                chosen.add(col("l." + TermFrequencies.column(c)).as(TermFrequencies.column(c)));
            }
        }
        var outcomes = new ArrayList<Column>();
        for (Comparison c : config.comparisons()) {
            Column index = col(indexColumn(c));
            outcomes.add(struct(lit(c.name()).as("name"), label(c, index).as("level"),
                    weight(c, index, frequencies).as("weight")).as(c.name()));
        }
        double prior = config.scoring().priorWeight();
        return withRecords.select(chosen.toArray(Column[]::new))
                .select(col("l_key"), col("r_key"), col("rules"), array(outcomes.toArray(Column[]::new))
                        .as("comparisons"))
                .withColumn("score", aggregate(col("comparisons"), lit(prior),
                        (acc, x) -> acc.plus(x.getField("weight"))))
                .withColumn("probability", lit(1.0).divide(lit(1.0).plus(pow(lit(2.0), col("score").multiply(-1)))));
    }

    /**
     * The level label of every comparison, per pair: the pair's own columns plus {@code levels}, an array of labels
     * in config order ({@link #NULL_LEVEL} where a side is null). What training counts.
     */
    public static Dataset<Row> levels(Dataset<Row> pairs, Dataset<Row> records, ScvConfig config) {
        var cols = new ArrayList<Column>();
        for (String c : pairs.columns()) {
            cols.add(col(c));
        }
        cols.add(array(config.comparisons().stream().map(Scoring::levelLabel).toArray(Column[]::new)).as("levels"));
        return withBothRecords(pairs, records).select(cols.toArray(Column[]::new));
    }

    /** Brings each record's fields to the pair as structs {@code l} and {@code r}. */
    private static Dataset<Row> withBothRecords(Dataset<Row> pairs, Dataset<Row> records) {
        var recordStruct = records.select(col("record_key").as("_k"), struct(col("*")).as("_rec"));
        return pairs
                .join(recordStruct.select(col("_k").as("_lk"), col("_rec").as("l")),
                        RecordKeys.equal(col("l_key"), col("_lk")))
                .join(recordStruct.select(col("_k").as("_rk"), col("_rec").as("r")),
                        RecordKeys.equal(col("r_key"), col("_rk")));
    }

    static Column levelLabel(Comparison c) {
        return label(c, levelIndex(c));
    }

    private static String indexColumn(Comparison c) {
        return "_level_" + c.name();
    }

    /**
     * The pair's level of a comparison: 1 + the position of the first level whose condition holds, or 0 for
     * {@link #NULL_LEVEL} (a null side, or no level holds).
     */
    private static Column levelIndex(Comparison c) {
        String nullCond = LevelConditions.nullCondition(c);
        Column chosen = nullCond == null ? null : when(expr(nullCond), lit(0));
        for (int i = 0; i < c.levels().size(); i++) {
            Column cond = coalesce(expr(LevelConditions.condition(c.levels().get(i))), lit(false));
            chosen = chosen == null ? when(cond, lit(i + 1)) : chosen.when(cond, lit(i + 1));
        }
        return chosen.otherwise(lit(0));
    }

    private static Column label(Comparison c, Column index) {
        var labels = new ArrayList<Column>(List.of(lit(NULL_LEVEL)));
        c.levels().forEach(level -> labels.add(lit(level.label())));
        return element_at(array(labels.toArray(Column[]::new)), index.plus(1));
    }

    /**
     * A level's weight; on a term-frequency level, plus log2(u / frequency of the agreeing value), so agreeing on
     * a rare value counts more and on a common one less (u as trained, else the run's own average).
     */
    private static Column weight(Comparison c, Column index, TermFrequencies frequencies) {
        var weights = new ArrayList<Column>(List.of(lit(0.0)));
        c.levels().forEach(level -> weights.add(lit(level.weight())));
        Column plain = element_at(array(weights.toArray(Column[]::new)), index.plus(1));
        Column out = null;
        for (int i = 0; i < c.levels().size(); i++) {
            ComparisonLevel level = c.levels().get(i);
            if (c.adjustsForFrequency(level)) {
                Column adjusted = lit(level.weight()).plus(log2(lit(level.u() != null ? level.u()
                        : frequencies.averageU(c)).divide(col(TermFrequencies.column(c)))));
                out = out == null ? when(index.equalTo(i + 1), adjusted) : out.when(index.equalTo(i + 1), adjusted);
            }
        }
        return out == null ? plain : out.otherwise(plain);
    }
}
