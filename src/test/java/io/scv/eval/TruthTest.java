package io.scv.eval;

import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.scv.eval.EvalFixtures.table;
import static org.junit.jupiter.api.Assertions.*;

class TruthTest {
    private static String resource(String name) {
        return Path.of("src/test/resources/eval", name).toString();
    }

    private static Map<String, String> entities(Truth truth) {
        var m = new TreeMap<String, String>();
        truth.mapping().collectAsList().forEach(r -> m.put(r.getString(0), r.getString(1)));
        return m;
    }

    private static List<String> pairs(Dataset<Row> pairs) {
        return pairs.collectAsList().stream().map(r -> r.getString(0) + " / " + r.getString(1)).sorted().toList();
    }

    @Test
    void aRecordToEntityFileKeysRecordsBySourceAndKeepsIdsAsStrings() {
        var truth = Truth.load(SparkTestSession.get(), resource("truth_records.csv"));
        assertEquals(Map.of("crm:000123", "E1", "erp:C-9", "E1", "web:42", "E2"), entities(truth));
        assertEquals(new TruthSummary(Truth.Kind.RECORD_ENTITY, 3, 2, 0, 0, 0), truth.summary());
        assertNull(truth.labelledPairs());
        assertTrue(truth.negativePairs().isEmpty());
    }

    @Test
    void labelledPairsBecomeEntitiesThroughTheirPositivePairs() {
        // positive: crm:1-erp:1, web:7-erp:1 (written right to left), crm:2-erp:2 (" TRUE")
        //   -> entities {crm:1, erp:1, web:7} and {crm:2, erp:2}, each named by its smallest record key
        // negative: crm:1-crm:2, web:7-web:8; web:8 is in no positive pair, so it has no entity
        var truth = Truth.load(SparkTestSession.get(), resource("truth_pairs.csv"));
        assertEquals(Map.of("crm:1", "crm:1", "erp:1", "crm:1", "web:7", "crm:1", "crm:2", "crm:2",
                "erp:2", "crm:2"), entities(truth));
        assertEquals(new TruthSummary(Truth.Kind.LABELLED_PAIRS, 5, 2, 3, 2, 0), truth.summary());
        assertEquals(List.of("crm:1 / crm:2", "web:7 / web:8"), pairs(truth.negativePairs().orElseThrow()));
        assertEquals(List.of("crm:1 / crm:2", "crm:1 / erp:1", "crm:2 / erp:2", "erp:1 / web:7", "web:7 / web:8"),
                pairs(truth.labelledPairs()), "each pair with its smaller key on the left");
    }

    @Test
    void aNegativePairInsideAPositiveChainIsCountedAsAContradiction() {
        // a-b and b-c are matches, so a and c are one entity, but a-c is labelled a non-match
        var truth = Truth.ofLabelledPairs(table("source_l, source_id_l, source_r, source_id_r, is_match",
                "('s','a','s','b','1'), ('s','b','s','c','1'), ('s','a','s','c','0')"));
        assertEquals(1, truth.summary().negativePairsInsideEntities());
        assertEquals(1, truth.summary().entities());
    }

    @Test
    void aWrongHeaderNamesTheHeaderAndBothExpectedOnes() {
        var e = assertThrows(TruthFormatException.class,
                () -> Truth.load(SparkTestSession.get(), resource("truth_bad_header.csv")));
        assertTrue(e.getMessage().contains("src,id,entity"), e.getMessage());
        assertTrue(e.getMessage().contains("source,source_id,entity_id"), e.getMessage());
        assertTrue(e.getMessage().contains("source_l,source_id_l,source_r,source_id_r,is_match"), e.getMessage());
    }

    @Test
    void aHeaderWithAByteOrderMarkAndBlanksIsStillRecognised(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("truth.csv");
        Files.writeString(file, "\uFEFFsource, source_id ,entity_id\ncrm,1,E1\n");
        assertEquals(Map.of("crm:1", "E1"), entities(Truth.load(SparkTestSession.get(), file.toString())));
    }

    @Test
    void anUnknownIsMatchValueIsNamed() {
        var e = assertThrows(TruthFormatException.class, () -> Truth.ofLabelledPairs(table(
                "source_l, source_id_l, source_r, source_id_r, is_match", "('s','a','s','b','yes')")));
        assertEquals("is_match must be 1, 0, true or false, was: 'yes' (1 rows)", e.getMessage());
    }

    @Test
    void aPairLabelledBothWaysIsRejected() {
        var e = assertThrows(TruthFormatException.class, () -> Truth.ofLabelledPairs(table(
                "source_l, source_id_l, source_r, source_id_r, is_match",
                "('s','a','s','b','1'), ('s','b','s','a','0')")));
        assertTrue(e.getMessage().contains("s:a / s:b"), e.getMessage());
    }

    @Test
    void aRecordWithTwoEntitiesIsRejected() {
        var e = assertThrows(TruthFormatException.class, () -> Truth.ofMapping(table("record_key, entity_id",
                "('s:a', 'E1'), ('s:a', 'E2'), ('s:b', 'E1')")));
        assertTrue(e.getMessage().contains("1 records more than one entity_id, e.g. s:a (E1, E2)"), e.getMessage());
    }

    @Test
    void aRowWithoutEntityIsRejected() {
        var e = assertThrows(TruthFormatException.class, () -> Truth.ofEntityRecords(table(
                "source, source_id, entity_id", "('s', 'a', 'E1'), ('s', 'b', cast(null as string))")));
        assertTrue(e.getMessage().contains("empty entity_id (1 records)"), e.getMessage());
    }
}
