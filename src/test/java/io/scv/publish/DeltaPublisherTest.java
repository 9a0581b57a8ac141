package io.scv.publish;

import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DeltaPublisherTest {
    @TempDir
    Path warehouse;

    private static Dataset<Row> rows(SparkSession spark, String sql) {
        return spark.sql(sql);
    }

    private static PublishInput run(SparkSession spark, String runId, String customers) {
        var runLog = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(new Object[]{runId, 1L},
                new StructType().add("run_id", DataTypes.StringType).add("customers", DataTypes.LongType));
        return new PublishInput(runId,
                rows(spark, "select * from values " + customers + " as t(customer_id, full_name)"),
                rows(spark, "select 'crm' as source, '1' as source_id, 'scv-1' as customer_id"),
                rows(spark, "select 'crm:1' as l_key, 'erp:1' as r_key, 0.99d as probability"),
                rows(spark, "select 'crm' as source, cast(null as string) as source_id, 'records' as input, "
                        + "'malformed row' as reason, 'x,\"y' as raw"),
                runLog);
    }

    private void publishTwoRunsWhereTheSecondLosesACustomer(SparkSession spark) {
        var publisher = new DeltaPublisher(spark, warehouse.toString());
        publisher.publish(run(spark, "run-1", "('scv-1', 'Ann Lee'), ('scv-2', 'Bo Ng')"));
        publisher.publish(run(spark, "run-2", "('scv-1', 'Ann Lee')"));
    }

    @Test
    void aRunReplacesTheCustomerTablesAndAppendsItsLogAndQuarantine() {
        var spark = SparkTestSession.get();
        publishTwoRunsWhereTheSecondLosesACustomer(spark);

        var customer = spark.read().format("delta").load(Tables.path(warehouse.toString(), Tables.CUSTOMER));
        assertEquals(List.of("run-2"), customer.select("run_id").distinct().collectAsList().stream()
                .map(r -> r.getString(0)).toList());
        assertEquals(1, customer.count());
        var firstVersion = spark.read().format("delta").option("versionAsOf", 0)
                .load(Tables.path(warehouse.toString(), Tables.CUSTOMER));
        assertEquals(2, firstVersion.count(), "the previous run stays readable by time travel");
        assertEquals(2, spark.read().format("delta").load(Tables.path(warehouse.toString(), Tables.RUN_LOG)).count());
        assertEquals(2, spark.read().format("delta").load(Tables.path(warehouse.toString(), Tables.QUARANTINE))
                .count());
    }

    @Test
    void changeDataFeedTellsDownstreamWhatChanged() {
        var spark = SparkTestSession.get();
        publishTwoRunsWhereTheSecondLosesACustomer(spark);
        var changes = spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", 1)
                .load(Tables.path(warehouse.toString(), Tables.CUSTOMER));
        assertTrue(changes.filter("_change_type = 'delete' and customer_id = 'scv-2'").count() > 0,
                "a customer that disappeared shows as deleted in the change feed");
    }
}
