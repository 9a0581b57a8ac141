package io.scv.catalog;

import io.scv.publish.Tables;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The catalogue over {@link ThreeCustomers}, so {@code source_overlap} has three rows, {@code marketing_audience} has c1 for email and c2 for profiling only,
 * and {@code customer_360} counts c1's records per source.
 */
class CatalogueTest {
    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static String warehouse;
    private static List<String> registered;

    @BeforeAll
    static void writeAWarehouseAndRegisterIt() {
        spark = SparkTestSession.get();
        warehouse = dir.resolve("warehouse").toString();
        ThreeCustomers.write(spark, warehouse);
        registered = Catalogue.register(spark, warehouse);
    }

    @AfterAll
    static void dropTheDatabase() {
        spark.sql("DROP DATABASE IF EXISTS " + Catalogue.DATABASE + " CASCADE");
    }

    @Test
    void registersThePublishedTablesAndTheViewsByName() {
        assertEquals(List.of("scv.customer", "scv.customer_xref", "scv.source_overlap", "scv.customer_360",
                "scv.marketing_audience", "global_temp.customer_changes"), registered);
        assertEquals(3, spark.sql("SELECT * FROM scv.customer").count());
    }

    @Test
    void sourceOverlapCountsCustomersPerCombinationOfSources() {
        var rows = spark.sql("SELECT sources, customers, records FROM scv.source_overlap ORDER BY sources")
                .collectAsList();
        assertEquals(List.of("crm+erp", "erp", "web"), rows.stream().map(r -> r.getString(0)).toList());
        assertEquals(List.of(1L, 1L, 1L), rows.stream().map(r -> r.getLong(1)).toList());
        assertEquals(3L, rows.get(0).getLong(2));
    }

    @Test
    void marketingAudienceNeedsConsentAndAWayToReachThePerson() {
        var rows = spark.sql("SELECT channel, customer_id FROM scv.marketing_audience ORDER BY channel")
                .collectAsList();
        assertEquals(List.of("email:c1", "profiling:c2"),
                rows.stream().map(r -> r.getString(0) + ":" + r.getString(1)).toList());
    }

    @Test
    void customer360CountsEachCustomersRecordsPerSource() {
        Row c1 = spark.sql("SELECT records_by_source, record_keys FROM scv.customer_360 WHERE customer_id = 'c1'")
                .first();
        assertEquals(Map.of("crm", 2L, "erp", 1L), scala.jdk.javaapi.CollectionConverters.asJava(c1.getMap(0)));
        assertEquals(List.of("crm:1", "crm:2", "erp:7"), c1.getList(1));
        assertEquals(3, spark.sql("SELECT * FROM scv.customer_360").count());
    }

    @Test
    void customerChangesComeFromTheChangeDataFeed() {
        assertEquals(3, spark.sql("SELECT * FROM global_temp.customer_changes WHERE change_type = 'insert'").count());
    }

    @Test
    void registeringAgainIsANoOpAndAnotherWarehouseReplacesTheEntries() {
        assertEquals(registered, Catalogue.register(spark, warehouse));
        String other = dir.resolve("other").toString();
        ThreeCustomers.writeCustomers(spark, other, "run-9");
        try {
            var names = Catalogue.register(spark, other);
            assertFalse(names.contains("scv.customer_xref"), "the other warehouse has no xref: " + names);
            assertFalse(names.contains("scv.customer_360"), "a view whose table is missing is left out: " + names);
            assertEquals("run-9", spark.sql("SELECT DISTINCT run_id FROM scv.customer").first().getString(0));
        } finally {
            Catalogue.register(spark, warehouse);
        }
        assertEquals("run-1", spark.sql("SELECT DISTINCT run_id FROM scv.customer").first().getString(0));
    }

    @Test
    void aWarehouseWithoutACustomerTableIsRefusedWithWhatToDo() {
        var e = assertThrows(CatalogueException.class,
                () -> Catalogue.register(spark, dir.resolve("empty").toString()));
        assertTrue(e.getMessage().contains("run the job first"), e.getMessage());
    }
}
