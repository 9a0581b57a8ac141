package io.scv.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * Builds the one SparkSession of a run. Under spark-submit the master and resources come from spark-submit;
 * run directly (embedded), it is {@code local[*]} unless the config's {@code spark:} section says otherwise.
 * Delta Lake is always enabled, with Change Data Feed on for new tables.
 */
public final class SparkSessionFactory {
    private SparkSessionFactory() {
    }

    public static SparkSession create(String appName, Map<String, String> configured, int checkpointInterval) {
        SparkConf conf = new SparkConf(true);
        if (!conf.contains("spark.master")) {
            conf.setMaster(configured.getOrDefault("spark.master", "local[*]"));
        }
        configured.forEach((k, v) -> {
            if (!k.equals("spark.master")) {
                conf.setIfMissing(k, v);
            }
        });
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.sql.shuffle.partitions", "8");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Comparison plans are wide (a CASE per level); rendering them whole for the UI can exhaust the heap.
        conf.setIfMissing("spark.sql.maxPlanStringLength", "100000");
        conf.setIfMissing("spark.sql.debug.maxToStringFields", "200");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            // local files without a chmod or readlink process per file created or renamed (ShellFreeLocalFileSystem);
            // a cluster keeps Hadoop's own, which its nodes may run with the native library
            conf.setIfMissing("spark.hadoop.fs.file.impl", ShellFreeLocalFileSystem.class.getName());
            conf.setIfMissing("spark.hadoop.fs.AbstractFileSystem.file.impl", ShellFreeLocalFs.class.getName());
        }
        conf.set("spark.graphx.pregel.checkpointInterval", String.valueOf(checkpointInterval));
        String delta = "io.delta.sql.DeltaSparkSessionExtension";
        String extensions = conf.get("spark.sql.extensions", "");
        conf.set("spark.sql.extensions", extensions.isBlank() ? delta
                : extensions.contains(delta) ? extensions : extensions + "," + delta);
        conf.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        conf.setIfMissing("spark.databricks.delta.properties.defaults.enableChangeDataFeed", "true");
        // persisted Datasets as compressed row batches: building Spark's column batches cost more (RowCacheSerializer)
        conf.setIfMissing("spark.sql.cache.serializer", RowCacheSerializer.class.getName());
        // Parquet keeps a dictionary for each column until its distinct values fill 1 MB; columns of unique values
        // (keys, emails, names) pay for that and then fall back to plain. 64 KB still holds the dictionary of a
        // column of few values (the customer table at 1M: 13.5 -> 9.6 s of task time, the same size on disk)
        conf.setIfMissing("spark.hadoop.parquet.dictionary.page.size", "65536");
        // HotSpot never compiles a method above 8,000 bytes of bytecode (HugeMethodLimit): a whole-stage method
        // that large ran interpreted for good (3% of the task samples at 1M, one method). Above this limit Spark
        // generates code per operator instead, which the JIT compiles (1M: task CPU 162 -> 153 s, score 9.7 -> 8.0 s)
        conf.setIfMissing("spark.sql.codegen.hugeMethodLimit", "8000");
        // Delta rebuilds a table's state from its log in this many tasks (its default, 50, is sized for tables of
        // millions of files). The run tables hold about as many files as shuffle partitions, so the tasks were
        // near-empty and a later night loads and re-loads the state of seven tables, three at a time: at 1M,
        // night 2's Delta state jobs took 84.5 s of job time with 50 and 43.7 s with 2 (publish 146.7 -> 77.7 s)
        conf.setIfMissing("spark.databricks.delta.snapshotPartitions", "2");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
