package io.scv.cluster;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.apache.spark.sql.functions.*;

/**
 * Connected components in Spark SQL by alternating large-star and small-star (Kiveris et al., "Connected Components
 * in MapReduce and Beyond", 2014): each round rewires every vertex's edges towards the smallest vertex id it can
 * see, until the graph is a set of stars around each component's smallest vertex id. A round is two aggregations
 * and two joins over the edge set, and the number of rounds grows with the logarithm of the component diameter, not
 * with the diameter as Pregel's label propagation does. Labels are the component's smallest vertex id, as on the
 * other paths.
 */
final class StarComponents {
    private static final Logger LOG = LoggerFactory.getLogger(StarComponents.class);

    private StarComponents() {
    }

    /**
     * @param vidEdges      {@code l_vid}, {@code r_vid}
     * @param maxIterations rounds at most; not converged by then is an error
     * @return {@code vid}, {@code component} for every vertex that has an edge
     */
    static Dataset<Row> labels(Dataset<Row> vidEdges, int maxIterations) {
        var edges = vidEdges.select(greatest(col("l_vid"), col("r_vid")).as("a"),
                        least(col("l_vid"), col("r_vid")).as("b"))
                .filter(col("a").notEqual(col("b"))).distinct();
        edges = materialised(edges);
        Row fingerprint = fingerprint(edges);
        for (int round = 1; round <= maxIterations; round++) {
            var next = materialised(smallStar(largeStar(edges)));
            Row after = fingerprint(next);
            LOG.debug("cluster: star round {}: {} edges", round, after.getLong(0));
            edges = next;
            if (after.equals(fingerprint)) {
                LOG.info("cluster: large-star/small-star converged after {} rounds", round);
                return edges.select(col("a").as("vid"), col("b").as("component"))
                        .unionByName(edges.select(col("b").as("vid"), col("b").as("component")))
                        .distinct();
            }
            fingerprint = after;
        }
        throw new ClusterInvariantViolated("connected components did not converge within cluster.max_iterations = "
                + maxIterations + " large-star/small-star rounds. Raise it.");
    }

    /** A round's edges, computed once and cut from the rounds before (reliably where a checkpoint folder is set). */
    private static Dataset<Row> materialised(Dataset<Row> edges) {
        return edges.sparkSession().sparkContext().getCheckpointDir().isDefined() ? edges.checkpoint(true)
                : edges.localCheckpoint(true);
    }

    /** Every edge as (neighbour, vertex) both ways: u, v. */
    private static Dataset<Row> bothWays(Dataset<Row> edges) {
        return edges.select(col("a").as("u"), col("b").as("v"))
                .unionByName(edges.select(col("b").as("u"), col("a").as("v")));
    }

    /** Each vertex u links its larger neighbours to the smallest of u and its neighbours. */
    private static Dataset<Row> largeStar(Dataset<Row> edges) {
        var both = bothWays(edges);
        var smallest = both.groupBy("u").agg(least(col("u"), min("v")).as("m"));
        return both.filter(col("v").gt(col("u"))).join(smallest, "u")
                .select(col("v").as("a"), col("m").as("b"))
                .filter(col("a").notEqual(col("b"))).distinct();
    }

    /** Each vertex u links itself and its smaller neighbours to the smallest of them. */
    private static Dataset<Row> smallStar(Dataset<Row> edges) {
        var smallest = edges.groupBy("a").agg(min("b").as("m"));
        var linked = edges.join(smallest, "a").select(col("b").as("a"), col("m").as("b"))
                .filter(col("a").notEqual(col("b")))
                .unionByName(smallest.select(col("a"), col("m").as("b")));
        return linked.distinct();
    }

    /** Edge count and an order-free checksum: equal for two equal edge sets. */
    private static Row fingerprint(Dataset<Row> edges) {
        Column h = xxhash64(col("a"), col("b"));
        return edges.agg(count(lit(1)), sum(h.bitwiseAND(lit(0xFFFFFFFFL))), sum(shiftRightUnsigned(h, 32)))
                .first();
    }
}
