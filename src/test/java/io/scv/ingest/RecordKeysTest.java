package io.scv.ingest;

import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordKeysTest {
    private static final SparkSession SPARK = SparkTestSession.get();

    /** Keys with a long shared prefix, some repeated (a record in several pairs), some null, some on one side only. */
    private static Dataset<Row> left() {
        return SPARK.range(0, 3_000, 1, 2).selectExpr(
                "case when id % 97 = 0 then null else concat('crm:C', lpad(cast(id % 2800 as string), 6, '0')) end"
                        + " as record_key", "id as l");
    }

    private static Dataset<Row> right() {
        return SPARK.range(0, 2_600, 1, 3).selectExpr(
                "case when id % 89 = 0 then null else concat('crm:C', lpad(cast(id as string), 6, '0')) end"
                        + " as record_key", "id * 10 as r");
    }

    private static List<String> rows(Dataset<Row> ds) {
        return ds.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /** Sort-merge joins, as at scale: these small sides would be broadcast. */
    private static void withoutBroadcast(Runnable test) {
        String before = SPARK.conf().get("spark.sql.autoBroadcastJoinThreshold");
        SPARK.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
        try {
            test.run();
        } finally {
            SPARK.conf().set("spark.sql.autoBroadcastJoinThreshold", before);
        }
    }

    @Test
    void joinsTheRowsAndColumnsOfAPlainJoin() {
        withoutBroadcast(RecordKeysTest::sameAsPlainJoins);
    }

    private static void sameAsPlainJoins() {
        for (String type : List.of("inner", "left", "left_anti", "left_semi", "full")) {
            var plain = left().join(right(), new String[]{"record_key"}, type);
            var hashed = RecordKeys.join(left(), right(), "record_key", type);
            assertEquals(Arrays.asList(plain.columns()), Arrays.asList(hashed.columns()), type);
            List<String> expected = rows(plain);
            assertEquals(expected, rows(hashed), type);
            assertTrue(expected.size() > 100, type + " joins rows at all");
        }
    }

    @Test
    void theConditionMatchesEqualKeysOnlyAndNeverNull() {
        withoutBroadcast(RecordKeysTest::sameAsPlainCondition);
    }

    private static void sameAsPlainCondition() {
        var l = left().select(col("record_key").as("l_key"), col("l"));
        var r = right().select(col("record_key").as("r_key"), col("r"));
        var plain = l.join(r, col("l_key").equalTo(col("r_key")));
        var hashed = l.join(r, RecordKeys.equal(col("l_key"), col("r_key")));
        assertEquals(rows(plain), rows(hashed));
        assertEquals(0, hashed.filter(col("l_key").isNull().or(col("l_key").notEqual(col("r_key")))).count());
    }

    @Test
    void sortsByTheHashFirst() {
        withoutBroadcast(() -> {
            var joined = RecordKeys.join(left(), right(), "record_key");
            joined.count();
            String plan = joined.queryExecution().executedPlan().toString();
            assertTrue(plan.contains("SortMergeJoin [_record_key_hash"), plan);
            String onCondition = left().select(col("record_key").as("l_key")).join(right(),
                    RecordKeys.equal(col("l_key"), col("record_key"))).queryExecution().executedPlan().toString();
            assertTrue(onCondition.contains("SortMergeJoin [xxhash64(l_key"), onCondition);
        });
    }

    @Test
    void countsTheEdgesWhoseEndsAreInDifferentGroups() {
        var groups = SPARK.sql("select * from values ('crm:1', 'a'), ('crm:2', 'a'), ('erp:1', 'b'), ('web:1', 'b')"
                + " as t(record_key, customer_id)");
        var edges = SPARK.sql("select * from values ('crm:1', 'crm:2'), ('crm:2', 'erp:1'), ('erp:1', 'web:1'),"
                + " ('crm:1', 'web:1'), ('crm:1', 'gone:9') as t(l_key, r_key)");
        assertEquals(2, RecordKeys.edgesAcross(edges, groups, "customer_id"),
                "crm:2-erp:1 and crm:1-web:1; an edge to a record not in the groups is not counted");
    }

    @Test
    void readsTheSourceAndItsIdBackFromTheKey() {
        var keys = SPARK.sql("select * from values ('crm:C1'), ('web-2:dev:42:x'), ('erp_x:'), ('esp: 7 ')"
                + " as t(record_key)");
        var parts = keys.select(RecordKeys.source(col("record_key")), RecordKeys.sourceId(col("record_key")));
        assertEquals(List.of("[crm,C1]", "[erp_x,]", "[esp, 7 ]", "[web-2,dev:42:x]"), rows(parts),
                "the source ends at the first colon; an id keeps its own colons and spaces");
    }
}
