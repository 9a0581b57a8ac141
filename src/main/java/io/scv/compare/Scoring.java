package io.scv.compare;

import io.scv.config.Comparison;
import io.scv.config.ComparisonLevel;
import io.scv.config.ScvConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;

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
        var outcomes = new ArrayList<Column>();
        for (Comparison c : config.comparisons()) {
            outcomes.add(struct(lit(c.name()).as("name"), levelLabel(c).as("level"),
                    levelWeight(c, frequencies).as("weight")).as(c.name()));
        }
        double prior = config.scoring().priorWeight();
        return withRecords
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
                .join(recordStruct.select(col("_k").as("_lk"), col("_rec").as("l")), col("l_key").equalTo(col("_lk")))
                .join(recordStruct.select(col("_k").as("_rk"), col("_rec").as("r")), col("r_key").equalTo(col("_rk")));
    }

    static Column levelLabel(Comparison c) {
        return chooseLevel(c, level -> lit(level.label()), lit(NULL_LEVEL));
    }

    /**
     * A level's weight; on a term-frequency level, plus log2(u / frequency of the agreeing value), so agreeing on
     * a rare value counts more and on a common one less (u as trained, else the run's own average).
     */
    static Column levelWeight(Comparison c, TermFrequencies frequencies) {
        return chooseLevel(c, level -> c.adjustsForFrequency(level)
                ? lit(level.weight()).plus(log2(lit(level.u() != null ? level.u() : frequencies.averageU(c))
                        .divide(col("l." + TermFrequencies.column(c)))))
                : lit(level.weight()), lit(0.0));
    }

    private static Column chooseLevel(Comparison c, java.util.function.Function<ComparisonLevel, Column> value,
                                      Column nullValue) {
        String nullCond = LevelConditions.nullCondition(c);
        Column chosen = nullCond == null ? null : when(expr(nullCond), nullValue);
        for (ComparisonLevel level : c.levels()) {
            Column cond = coalesce(expr(LevelConditions.condition(level)), lit(false));
            chosen = chosen == null ? when(cond, value.apply(level)) : chosen.when(cond, value.apply(level));
        }
        return chosen.otherwise(nullValue);
    }
}
