package io.scv.testing;

import io.scv.cli.SparkSessionFactory;
import io.scv.compare.ComparisonFunctions;
import io.scv.config.StandardizeSettings;
import io.scv.standardize.StandardizeFunctions;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Map;

/** The one SparkSession of the test JVM: local[2], few shuffle partitions, Delta enabled, scv functions registered. */
public final class SparkTestSession {
    private static SparkSession spark;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSessionFactory.create("scv-tests", Map.of(
                    "spark.master", "local[2]",
                    "spark.sql.shuffle.partitions", "2",
                    "spark.default.parallelism", "2",
                    "spark.ui.enabled", "false",
                    "spark.sql.adaptive.enabled", "false"), 10);
            spark.sparkContext().setCheckpointDir(System.getProperty("java.io.tmpdir") + "/scv-test-checkpoints");
            StandardizeFunctions.register(spark, new StandardizeSettings(true, true, true, List.of()));
            ComparisonFunctions.register(spark);
        }
        return spark;
    }
}
