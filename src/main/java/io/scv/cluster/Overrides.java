package io.scv.cluster;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;
import java.util.Objects;

import static org.apache.spark.sql.functions.*;

/**
 * Human decisions about record pairs that win over scores (DESIGN §6): a <b>must-link</b> pair ends in one
 * customer even when nothing matched it; a <b>cannot-link</b> pair never ends in one customer, whatever path of
 * matches joins them (the cluster rules refuse every join that would bring them together). When the two conflict
 * (must-links chain two cannot-linked records together), cannot-link wins. People keep them in the warehouse's
 * override tables; they are few, so they are held on the driver.
 */
public record Overrides(List<Pair> mustLink, List<Pair> cannotLink) {
    /** Score of a must-link edge: stronger than any match, so it is applied first. */
    public static final double MUST_LINK_SCORE = Double.POSITIVE_INFINITY;

    public Overrides {
        mustLink = List.copyOf(mustLink);
        cannotLink = List.copyOf(cannotLink);
    }

    public static Overrides none() {
        return new Overrides(List.of(), List.of());
    }

    public boolean isEmpty() {
        return mustLink.isEmpty() && cannotLink.isEmpty();
    }

    /**
     * The match edges with the overrides applied: must-link pairs of records in this run added (score
     * {@link #MUST_LINK_SCORE}, probability 1), direct matches between cannot-link pairs removed.
     *
     * @param edges      {@code l_key}, {@code r_key}, {@code score}, {@code probability}
     * @param recordKeys {@code record_key} of every record of the run
     */
    public Dataset<Row> applyTo(Dataset<Row> edges, Dataset<Row> recordKeys) {
        if (isEmpty()) {
            return edges;
        }
        var spark = edges.sparkSession();
        var schema = new StructType().add("l_key", DataTypes.StringType).add("r_key", DataTypes.StringType);
        var must = spark.createDataFrame(mustLink.stream().map(p -> RowFactory.create(p.left(), p.right())).toList(),
                        schema)
                .join(recordKeys.withColumnRenamed("record_key", "l_key"), "l_key")
                .join(recordKeys.withColumnRenamed("record_key", "r_key"), "r_key")
                .select(col("l_key"), col("r_key"), lit(MUST_LINK_SCORE).as("score"), lit(1.0).as("probability"));
        var cannot = spark.createDataFrame(cannotLink.stream().map(p -> RowFactory.create(p.left(), p.right()))
                .toList(), schema);
        return edges.select("l_key", "r_key", "score", "probability")
                .join(broadcast(must.select("l_key", "r_key")), new String[]{"l_key", "r_key"}, "left_anti")
                .join(broadcast(cannot), new String[]{"l_key", "r_key"}, "left_anti")
                .unionByName(must);
    }

    /** Two record keys, in key order (as the evidence table orders pairs). */
    public record Pair(String left, String right) implements java.io.Serializable {
        public Pair {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            if (left.equals(right)) {
                throw new IllegalArgumentException("an override pairs two different records, was: " + left
                        + " twice");
            }
            if (left.compareTo(right) > 0) {
                String t = left;
                left = right;
                right = t;
            }
        }
    }
}
