package io.scv.compare;

import io.scv.config.Comparison;
import io.scv.config.ComparisonLevel;
import io.scv.config.LevelMethod;
import io.scv.config.ScoringSettings;
import io.scv.testing.SparkTestSession;
import io.scv.testing.TestConfigs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TermFrequencyScoringTest {
    private static Dataset<Row> records() {
        var spark = SparkTestSession.get();
        // last_name frequencies over 7 named records: smith 4/7, quezada 2/7, jones 1/7 (one record has none)
        return spark.read().schema("record_key string, last_name string").json(spark.createDataset(List.of(
                "{\"record_key\":\"s1\",\"last_name\":\"smith\"}", "{\"record_key\":\"s2\",\"last_name\":\"smith\"}",
                "{\"record_key\":\"s3\",\"last_name\":\"smith\"}", "{\"record_key\":\"s4\",\"last_name\":\"smith\"}",
                "{\"record_key\":\"q1\",\"last_name\":\"quezada\"}", "{\"record_key\":\"q2\",\"last_name\":\"quezada\"}",
                "{\"record_key\":\"j1\",\"last_name\":\"jones\"}", "{\"record_key\":\"n1\",\"last_name\":null}"),
                Encoders.STRING()));
    }

    private static double weight(Comparison c, String l, String r) {
        var spark = SparkTestSession.get();
        var pairs = spark.sql("select '" + l + "' as l_key, '" + r + "' as r_key, array('test') as rules");
        var config = TestConfigs.of(List.of(), null, List.of(c), new ScoringSettings(0.5, 0.9, 0.5), null);
        Row scored = Scoring.run(pairs, records(), config).collectAsList().get(0);
        return scored.<Row>getList(scored.fieldIndex("comparisons")).get(0).getAs("weight");
    }

    private static Comparison surname(boolean tf, Double u) {
        return new Comparison("last_name", "last_name", List.of(
                new ComparisonLevel("exact", LevelMethod.EXACT, "last_name", null, null, 8, u),
                new ComparisonLevel("else", LevelMethod.ELSE, "last_name", null, null, -3)), tf);
    }

    @Test
    void agreeingOnARareValueWeighsMoreThanOnACommonOne() {
        var c = surname(true, null);
        double averageU = (16 + 4 + 1) / 49.0; // sum of squared frequencies
        assertEquals(8 + log2(averageU / (4 / 7.0)), weight(c, "s1", "s2"), 1e-9);
        assertEquals(8 + log2(averageU / (2 / 7.0)), weight(c, "q1", "q2"), 1e-9);
        assertTrue(weight(c, "q1", "q2") > weight(c, "s1", "s2"));
    }

    @Test
    void aTrainedUIsReplacedByTheValuesOwnFrequency() {
        var c = surname(true, 0.01);
        assertEquals(8 + log2(0.01 / (4 / 7.0)), weight(c, "s1", "s2"), 1e-9);
    }

    @Test
    void withoutTermFrequencyOrOnOtherLevelsTheWeightIsAsConfigured() {
        assertEquals(8, weight(surname(false, null), "s1", "s2"), 1e-12);
        assertEquals(-3, weight(surname(true, null), "s1", "q1"), 1e-12);
        assertEquals(0, weight(surname(true, null), "s1", "n1"), 1e-12);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
