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

class ScoringTest {
    private static final Comparison FIRST_NAME = new Comparison("first_name", "first_name", List.of(
            new ComparisonLevel("exact", LevelMethod.EXACT, "first_name", null, null, 6),
            new ComparisonLevel("nickname", LevelMethod.NICKNAME, "first_name", null, null, 4),
            new ComparisonLevel("Jaro-Winkler >= 0.9", LevelMethod.JARO_WINKLER, "first_name", 0.9, null, 3),
            new ComparisonLevel("else", LevelMethod.ELSE, "first_name", null, null, -5)));
    private static final Comparison EMAIL = new Comparison("email", "email", List.of(
            new ComparisonLevel("exact", LevelMethod.EXACT, "email", null, null, 15),
            new ComparisonLevel("else", LevelMethod.ELSE, "email", null, null, -2)));

    private static Dataset<Row> records() {
        var spark = SparkTestSession.get();
        return spark.read().option("allowUnquotedFieldNames", "true").schema("record_key string, first_name string, email string")
                .json(spark.createDataset(List.of(
                        "{record_key:'r1', first_name:'robert', email:'rob@x.com'}",
                        "{record_key:'r2', first_name:'bob', email:null}",
                        "{record_key:'r3', first_name:'roberta', email:'rob@x.com'}",
                        "{record_key:'r4', first_name:'alice', email:'a@x.com'}"), Encoders.STRING()));
    }

    private static Row score(String l, String r) {
        var spark = SparkTestSession.get();
        var pairs = spark.sql("select '" + l + "' as l_key, '" + r + "' as r_key, array('test') as rules");
        var config = TestConfigs.of(List.of(), null, List.of(FIRST_NAME, EMAIL),
                new ScoringSettings(0.01, 0.9, 0.5), null);
        return Scoring.run(pairs, records(), config).collectAsList().get(0);
    }

    private static String level(Row scored, int comparison) {
        return scored.<Row>getList(scored.fieldIndex("comparisons")).get(comparison).getAs("level");
    }

    @Test
    void theFirstLevelThatHoldsWinsAndTheScoreIsPriorPlusWeights() {
        Row s = score("r1", "r3");
        assertEquals("Jaro-Winkler >= 0.9", level(s, 0));
        assertEquals("exact", level(s, 1));
        double prior = Math.log(0.01 / 0.99) / Math.log(2);
        assertEquals(prior + 3 + 15, s.getDouble(s.fieldIndex("score")), 1e-9);
        double p = s.getDouble(s.fieldIndex("probability"));
        assertEquals(1 / (1 + Math.pow(2, -(prior + 18))), p, 1e-12);
    }

    @Test
    void aNullFieldIsTheNeutralNullLevel() {
        Row s = score("r1", "r2");
        assertEquals("nickname", level(s, 0));
        assertEquals(Scoring.NULL_LEVEL, level(s, 1));
        double prior = Math.log(0.01 / 0.99) / Math.log(2);
        assertEquals(prior + 4, s.getDouble(s.fieldIndex("score")), 1e-9);
    }

    @Test
    void disagreementFallsToElse() {
        Row s = score("r1", "r4");
        assertEquals("else", level(s, 0));
        assertEquals("else", level(s, 1));
        assertTrue(s.getDouble(s.fieldIndex("probability")) < 0.001);
    }
}
