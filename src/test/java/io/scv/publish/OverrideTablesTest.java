package io.scv.publish;

import io.scv.cluster.Overrides;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OverrideTablesTest {
    @TempDir
    Path warehouse;

    @Test
    void overridesAreKeptInTheWarehouseUntilRemoved() {
        var tables = new OverrideTables(SparkTestSession.get(), warehouse.toString());
        assertTrue(tables.read().isEmpty(), "a new warehouse has none");
        tables.add(OverrideTables.Kind.MUST_LINK, new Overrides.Pair("erp:E-1", "crm:C1"), "same person, checked",
                "ana");
        tables.add(OverrideTables.Kind.CANNOT_LINK, new Overrides.Pair("crm:C2", "crm:C3"), "twins", "ana");
        tables.add(OverrideTables.Kind.CANNOT_LINK, new Overrides.Pair("crm:C3", "crm:C2"), "twins, born 1990", "bo");

        var again = new OverrideTables(SparkTestSession.get(), warehouse.toString()).read();
        assertEquals(List.of(new Overrides.Pair("crm:C1", "erp:E-1")), again.mustLink());
        assertEquals(List.of(new Overrides.Pair("crm:C2", "crm:C3")), again.cannotLink(), "one row per pair");
        assertEquals("twins, born 1990", tables.list(OverrideTables.Kind.CANNOT_LINK).get(0).getString(2));

        var e = assertThrows(IllegalArgumentException.class, () -> tables.add(OverrideTables.Kind.MUST_LINK,
                new Overrides.Pair("crm:C2", "crm:C3"), null, "cy"));
        assertTrue(e.getMessage().contains("override_cannot_link"), e.getMessage());

        assertTrue(tables.remove(OverrideTables.Kind.MUST_LINK, new Overrides.Pair("crm:C1", "erp:E-1")));
        assertFalse(tables.remove(OverrideTables.Kind.MUST_LINK, new Overrides.Pair("crm:C1", "erp:E-1")));
        assertTrue(tables.read().mustLink().isEmpty());
    }

    @Test
    void mustLinkEdgesAreAddedForRecordsOfTheRunAndCannotLinkMatchesRemoved() {
        var spark = SparkTestSession.get();
        var edges = spark.createDataFrame(List.of(RowFactory.create("a", "b", 12.0, 0.99),
                        RowFactory.create("b", "c", 11.0, 0.98)),
                new StructType().add("l_key", DataTypes.StringType).add("r_key", DataTypes.StringType)
                        .add("score", DataTypes.DoubleType).add("probability", DataTypes.DoubleType));
        var keys = spark.sql("select explode(array('a', 'b', 'c', 'd')) as record_key");
        var overrides = new Overrides(List.of(new Overrides.Pair("d", "a"), new Overrides.Pair("a", "gone")),
                List.of(new Overrides.Pair("c", "b")));

        var result = overrides.applyTo(edges, keys).orderBy("l_key", "r_key").collectAsList().stream()
                .map(r -> r.getString(0) + "-" + r.getString(1) + " " + r.getDouble(2)).toList();

        assertEquals(List.of("a-b 12.0", "a-d Infinity"), result);
    }
}
