package io.scv.bench;

import io.scv.cli.SparkSessionFactory;
import io.scv.cluster.ConnectedComponents;
import io.scv.cluster.ConnectedComponents.Algorithm;
import io.scv.config.ClusterSettings;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * Times the three connected-components paths (union-find on the driver, GraphX, large-star/small-star) on one
 * synthetic match graph, and checks that they label every record alike (issue 7). The graph: {@code vertices}
 * records in chains of {@code chain} records (the diameter GraphX's iterations grow with), each chain also
 * closed by an edge from its last record back to its first when {@code chain > 2}.
 * <pre>
 *   java -cp ... io.scv.bench.ComponentsBench VERTICES CHAIN [ALGORITHM...]
 * </pre>
 * Prints one line per algorithm: seconds, clusters, and whether its labels equal the first algorithm's.
 */
public final class ComponentsBench {
    private ComponentsBench() {
    }

    public static void main(String[] args) {
        long vertices = Long.parseLong(args[0]);
        int chain = Integer.parseInt(args[1]);
        var algorithms = new ArrayList<Algorithm>();
        for (int i = 2; i < args.length; i++) {
            algorithms.add(Algorithm.valueOf(args[i].toUpperCase(Locale.ROOT)));
        }
        if (algorithms.isEmpty()) {
            algorithms.addAll(List.of(Algorithm.DRIVER, Algorithm.STAR, Algorithm.GRAPHX));
        }
        SparkSession spark = SparkSessionFactory.create("scv-components-bench", Map.of(
                "spark.master", System.getProperty("spark.master", "local[2]"),
                "spark.ui.enabled", "false"), 10);
        spark.sparkContext().setCheckpointDir(System.getProperty("java.io.tmpdir") + "/scv-components-bench");
        var keys = spark.range(vertices).select(format_string("r:%09d", col("id")).as("record_key"))
                .localCheckpoint(true);
        var edges = spark.range(vertices).filter(col("id").mod(chain).notEqual(0))
                .select(format_string("r:%09d", col("id").minus(1)).as("l_key"),
                        format_string("r:%09d", col("id")).as("r_key"));
        if (chain > 2) {
            edges = edges.unionByName(spark.range(vertices).filter(col("id").mod(chain).equalTo(chain - 1))
                    .select(format_string("r:%09d", col("id")).as("l_key"),
                            format_string("r:%09d", col("id").minus(chain - 1)).as("r_key")));
        }
        edges = edges.localCheckpoint(true);
        long edgeCount = edges.count();
        System.out.printf(Locale.ROOT, "graph: %,d vertices, %,d edges, chains of %d%n", vertices, edgeCount, chain);
        var settings = new ClusterSettings(10_000, 10);
        Dataset<Row> first = null;
        for (Algorithm algorithm : algorithms) {
            long start = System.nanoTime();
            var clusters = ConnectedComponents.run(keys, edges, settings, algorithm);
            long count = clusters.select("cluster").distinct().count();
            double seconds = (System.nanoTime() - start) / 1e9;
            String same = "";
            if (first == null) {
                first = clusters;
            } else {
                same = first.exceptAll(clusters).isEmpty() && clusters.exceptAll(first).isEmpty()
                        ? ", same labels" : ", LABELS DIFFER";
            }
            System.out.printf(Locale.ROOT, "%-6s %7.1f s  %,d clusters%s%n", algorithm, seconds, count, same);
        }
        spark.stop();
    }
}
