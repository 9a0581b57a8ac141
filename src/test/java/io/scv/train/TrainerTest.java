package io.scv.train;

import io.scv.config.BlockingRule;
import io.scv.config.Comparison;
import io.scv.config.ComparisonLevel;
import io.scv.config.LevelMethod;
import io.scv.testing.SparkTestSession;
import io.scv.testing.TestConfigs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class TrainerTest {
    private static final String[] FIRST = {"ann", "bob", "cara", "dan", "eve", "finn", "gail", "hugo", "ida", "jon",
        "kim", "liam", "mia", "ned", "olga", "paul", "quin", "rosa", "sam", "tara"};
    private static final String[] LAST = {"lee", "khan", "smith", "jones", "brown", "novak", "garcia", "rossi",
        "muller", "silva", "tan", "ito", "kaur", "obi", "dubois", "ivanov", "park", "nagy", "berg", "costa"};

    /** 120 people, each twice; the second copy has its surname replaced by another in a fifth of cases. */
    private static Dataset<Row> records() {
        var rng = new Random(5);
        var rows = new ArrayList<Row>();
        for (int p = 0; p < 120; p++) {
            String first = FIRST[rng.nextInt(FIRST.length)];
            String last = LAST[rng.nextInt(LAST.length)];
            String dob = String.format("19%02d-%02d-%02d", 40 + rng.nextInt(60), 1 + rng.nextInt(12), 1 + rng.nextInt(28));
            rows.add(RowFactory.create("a:" + p + "x", "a", first, last, dob));
            String last2 = rng.nextInt(5) == 0 ? LAST[rng.nextInt(LAST.length)] : last;
            rows.add(RowFactory.create("a:" + p + "y", "a", first, last2, dob));
        }
        var schema = new StructType().add("record_key", DataTypes.StringType).add("source", DataTypes.StringType)
                .add("first_name", DataTypes.StringType).add("last_name", DataTypes.StringType)
                .add("dob", DataTypes.StringType);
        return SparkTestSession.get().createDataFrame(rows, schema);
    }

    private static Comparison exactOrElse(String field) {
        return new Comparison(field, field, List.of(
                new ComparisonLevel("exact", LevelMethod.EXACT, field, null, null, 0),
                new ComparisonLevel("else", LevelMethod.ELSE, field, null, null, 0)));
    }

    @Test
    void learnsThatAgreementCountsForAMatchAndFindsTheMatches() {
        var config = TestConfigs.of(List.of(), TestConfigs.blocking(1000, 1_000_000,
                        new BlockingRule("first", List.of("first_name")), new BlockingRule("dob", List.of("dob"))),
                List.of(exactOrElse("first_name"), exactOrElse("last_name"), exactOrElse("dob")),
                TestConfigs.scoring(), null);
        var model = Trainer.train(records(), config, "test.yaml");

        // 120 true pairs among 240 * 239 / 2 = 28,680 comparable pairs
        assertEquals(120, model.counts().expectedMatches(), 15);
        assertEquals(120 / 28_680.0, model.priorMatchProbability(), 0.0015);
        var last = model.comparisons().get(1).levels();
        assertTrue(last.get(0).weight() > 2, "surname agreement counts for a match: " + last.get(0));
        assertTrue(last.get(1).weight() < -1, "surname disagreement counts against: " + last.get(1));
        // a fifth of the second copies changed surname: m(exact) about 0.8
        assertEquals(0.8, last.get(0).m(), 0.1);
        var dob = model.comparisons().get(2).levels();
        assertTrue(dob.get(0).weight() > 5, "a shared date of birth is rare among strangers: " + dob.get(0));
        assertTrue(model.matchThreshold() > 0 && model.matchThreshold() < 1);
        assertTrue(model.expectedF1() > 0.9);
        // the training-only exact rules were added for each single-field comparison not already a rule
        assertTrue(model.rules().stream().anyMatch(r -> r.rule().equals(Trainer.EXACT_RULE_PREFIX + "last_name")));
        assertFalse(model.rules().stream().anyMatch(r -> r.rule().equals(Trainer.EXACT_RULE_PREFIX + "dob")));
    }
}
