package io.scv.cluster;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * Connected components by union-find on the driver, for edge sets that fit in its memory: the edges come to the
 * driver packed as longs (one job, 16 bytes an edge), union-find labels each component with its smallest vertex id,
 * and the labels go back to the executors as two sorted arrays in a broadcast (16 bytes a linked vertex), looked up
 * by binary search. Same labels as GraphX's connected components (the smallest vertex id of the component), so the
 * result does not depend on the path taken; exact, with no iteration bound.
 */
final class DriverComponents {
    private DriverComponents() {
    }

    /**
     * @param vertices {@code record_key}, {@code vid}
     * @param edges    {@code l_vid}, {@code r_vid}
     * @return {@code record_key}, {@code cluster}: the smallest vid of the record's component, and
     * {@value ConnectedComponents#LINKED}: whether the record has an edge (else its component is itself)
     */
    static Dataset<Row> run(Dataset<Row> vertices, Dataset<Row> edges) {
        var spark = vertices.sparkSession();
        long[] ends = collect(edges);
        Labels labels = Labels.of(ends);
        Broadcast<Labels> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(labels);
        UserDefinedFunction label = udf((UDF1<Long, Long>) vid -> shared.value().labelOrNull(vid),
                DataTypes.LongType);
        // the label in its own projection: the two columns below would otherwise each call the function
        return vertices.select(col("record_key"), col("vid"), label.apply(col("vid")).as("label"))
                .select(col("record_key"), coalesce(col("label"), col("vid")).as("cluster"),
                        col("label").isNotNull().as(ConnectedComponents.LINKED));
    }

    /** Every edge's two vertex ids, in pairs, in one long array. */
    private static long[] collect(Dataset<Row> edges) {
        List<byte[]> packed = edges.mapPartitions((MapPartitionsFunction<Row, byte[]>) rows -> {
            var bytes = new ByteArrayOutputStream();
            try (var out = new DataOutputStream(bytes)) {
                while (rows.hasNext()) {
                    Row r = rows.next();
                    out.writeLong(r.getLong(0));
                    out.writeLong(r.getLong(1));
                }
            }
            return List.of(bytes.toByteArray()).iterator();
        }, Encoders.BINARY()).collectAsList();
        int longs = 0;
        for (byte[] p : packed) {
            longs = Math.addExact(longs, p.length / Long.BYTES);
        }
        long[] ends = new long[longs];
        int at = 0;
        for (byte[] p : packed) {
            var buffer = ByteBuffer.wrap(p);
            while (buffer.hasRemaining()) {
                ends[at++] = buffer.getLong();
            }
        }
        return ends;
    }

    /** The component label of every vertex that has an edge: sorted vertex ids and, at the same index, labels. */
    record Labels(long[] vids, long[] labels) implements Serializable {
        static Labels of(long[] ends) {
            long[] vids = distinctSorted(ends);
            int[] parent = new int[vids.length];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
            }
            for (int e = 0; e < ends.length; e += 2) {
                int a = find(parent, Arrays.binarySearch(vids, ends[e]));
                int b = find(parent, Arrays.binarySearch(vids, ends[e + 1]));
                // the root is always the smaller index, so a component's root is its smallest vertex id
                if (a < b) {
                    parent[b] = a;
                } else if (b < a) {
                    parent[a] = b;
                }
            }
            long[] labels = new long[vids.length];
            for (int i = 0; i < vids.length; i++) {
                labels[i] = vids[find(parent, i)];
            }
            return new Labels(vids, labels);
        }

        /** The label of a vertex with edges; null for one without, which is its own component. */
        Long labelOrNull(long vid) {
            int i = Arrays.binarySearch(vids, vid);
            return i >= 0 ? labels[i] : null;
        }

        private static int find(int[] parent, int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        private static long[] distinctSorted(long[] values) {
            long[] sorted = values.clone();
            Arrays.parallelSort(sorted);
            int n = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[n++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, n);
        }
    }
}
