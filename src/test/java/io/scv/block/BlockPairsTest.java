package io.scv.block;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class BlockPairsTest {

    /** Rows (rule, key, record_key, source), sorted as Blocking sorts them; the pairs as "l r rule". */
    private static List<String> pairs(int maxBlockSize, Set<String> noWithin, Object[]... rows) throws Exception {
        var in = new ArrayList<Row>();
        for (Object[] r : rows) {
            in.add(RowFactory.create(r));
        }
        var out = new ArrayList<String>();
        new BlockPairs(maxBlockSize, noWithin).call(in.iterator())
                .forEachRemaining(p -> out.add(p.getString(0) + " " + p.getString(1) + " " + p.getInt(2)));
        return out;
    }

    @Test
    void everyTwoRecordsOfABlockArePairedOnceWithTheSmallerKeyLeft() throws Exception {
        assertEquals(List.of("crm:1 erp:2 0", "crm:1 web:3 0", "erp:2 web:3 0", "crm:1 erp:2 1"),
                pairs(10, Set.of(),
                        new Object[]{0, "k", "crm:1", "crm"},
                        new Object[]{0, "k", "erp:2", "erp"},
                        new Object[]{0, "k", "web:3", "web"},
                        new Object[]{1, "k", "crm:1", "crm"},
                        new Object[]{1, "k", "erp:2", "erp"}),
                "the same key under another rule is another block");
    }

    @Test
    void aHotKeyGivesNoPairsAndNeitherDoesASingleRecord() throws Exception {
        assertEquals(List.of("crm:4 crm:5 0"), pairs(2, Set.of(),
                new Object[]{0, "hot", "crm:1", "crm"},
                new Object[]{0, "hot", "crm:2", "crm"},
                new Object[]{0, "hot", "crm:3", "crm"},
                new Object[]{0, "lone", "crm:9", "crm"},
                new Object[]{0, "ok", "crm:4", "crm"},
                new Object[]{0, "ok", "crm:5", "crm"}));
    }

    @Test
    void recordsOfASourceNeverLinkedWithinItselfAreNotPairedWithEachOther() throws Exception {
        assertEquals(List.of("erp:1 web:a 0", "erp:1 web:b 0"), pairs(10, Set.of("web"),
                new Object[]{0, "k", "erp:1", "erp"},
                new Object[]{0, "k", "web:a", "web"},
                new Object[]{0, "k", "web:b", "web"}));
    }

    @Test
    void noRowsGiveNoPairs() throws Exception {
        assertEquals(List.of(), pairs(10, Set.of()));
    }
}
