package io.scv.cli;

import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RowCacheSerializerTest {
    /** Rows of every kind of column the job caches, some null, some wide, over several batches per partition. */
    private static Dataset<Row> rows() {
        return SparkTestSession.get().range(0, 45_007, 1, 2).selectExpr(
                "id",
                "case when id % 7 = 0 then null else concat('crm:C', lpad(cast(id as string), 6, '0')) end as key",
                "repeat('x', cast(id % 50 as int)) as text",
                "case when id % 5 = 0 then null else cast(id * 1.25 as decimal(18,2)) end as revenue",
                "timestamp_seconds(id * 60) as seen_at",
                "array(cast(id as string), case when id % 3 = 0 then null else 'b' end) as ids",
                "named_struct('first', concat('n', cast(id % 11 as string)), 'n', cast(id % 13 as int)) as raw",
                "map('k', cast(id as string)) as extra",
                "id % 2 = 0 as even",
                "cast(id % 100 as double) / 3 as score");
    }

    private static List<Row> sorted(Dataset<Row> ds) {
        return ds.orderBy("id").collectAsList();
    }

    @Test
    void theSessionCachesRowsWithIt() {
        assertEquals(RowCacheSerializer.class.getName(),
                SparkTestSession.get().conf().get("spark.sql.cache.serializer"));
    }

    @Test
    void aCachedDatasetReadsBackEveryRowAndValue() {
        var cached = rows().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            assertEquals(45_007, cached.count());
            assertEquals(sorted(rows()), sorted(cached), "whole rows");
            assertEquals(sorted(rows().select("id", "raw", "key")), sorted(cached.select("id", "raw", "key")),
                    "some columns, in another order");
            assertEquals(rows().filter(col("key").isNull()).count(), cached.filter(col("key").isNull()).count());
            assertEquals(sorted(rows().filter("id % 1000 = 1").select("id", "revenue", "ids", "extra")),
                    sorted(cached.filter("id % 1000 = 1").select("id", "revenue", "ids", "extra")));
        } finally {
            cached.unpersist(true);
        }
    }

    @Test
    void rowsSpilledToDiskReadBackTheSame() {
        var cached = rows().persist(StorageLevel.DISK_ONLY());
        try {
            assertEquals(sorted(rows()), sorted(cached));
        } finally {
            cached.unpersist(true);
        }
    }
}
