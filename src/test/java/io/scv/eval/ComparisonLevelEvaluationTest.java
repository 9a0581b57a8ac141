package io.scv.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static io.scv.eval.EvalFixtures.table;
import static io.scv.eval.EvalFixtures.truth;
import static org.junit.jupiter.api.Assertions.*;

class ComparisonLevelEvaluationTest {
    private static final double EPS = 1e-9;

    private static String pair(String l, String r, String emailLevel, double emailWeight, String dobLevel,
                               double dobWeight) {
        return String.format(Locale.ROOT, "('%s', '%s', array(named_struct('name', 'email', 'level', '%s', "
                + "'weight', %.1fD), named_struct('name', 'dob', 'level', '%s', 'weight', %.1fD)))", l, r, emailLevel,
                emailWeight, dobLevel, dobWeight);
    }

    @Test
    void levelsAreCountedByTruthWithEmpiricalMAndU() {
        // truth {a,b,c} {d,e} {f}; x is not in the truth, so f-x is left out
        //         email          dob
        // a-b  m  exact 9        exact 5
        // a-c  m  exact 8        null 0
        // b-c  m  else -2        exact 5
        // d-e  m  exact 7        else -3
        // c-d  u  else -2        exact 5
        // e-f  u  else -2        else -3
        // email: 4 matches and 2 non-matches not null; exact m 3/4, u 0/2; else m 1/4, u 2/2 -> log2(1/4) = -2
        // dob: 3 matches (a-c is null) and 2 non-matches not null; exact m 2/3, u 1/2; else m 1/3, u 1/2
        var scored = table("l_key, r_key, comparisons", String.join(", ",
                pair("a", "b", "exact", 9, "exact", 5), pair("a", "c", "exact", 8, "null", 0),
                pair("b", "c", "else", -2, "exact", 5), pair("d", "e", "exact", 7, "else", -3),
                pair("c", "d", "else", -2, "exact", 5), pair("e", "f", "else", -2, "else", -3),
                pair("f", "x", "exact", 9, "exact", 5)));
        var levels = ComparisonLevelEvaluation.evaluate(scored, truth("a b c | d e | f"));
        assertEquals(List.of("email exact", "email else", "dob exact", "dob else", "dob null"),
                levels.stream().map(l -> l.comparison() + " " + l.level()).toList(),
                "comparisons in array order, levels by mean weight, null last");

        var emailExact = levels.get(0);
        assertEquals(3, emailExact.matches());
        assertEquals(0, emailExact.nonMatches());
        assertEquals(0.75, emailExact.m(), EPS);
        assertEquals(0.0, emailExact.uCandidates(), EPS);
        assertEquals(8.0, emailExact.meanWeight(), EPS);
        assertTrue(Double.isNaN(emailExact.weightFromTruth()), "u is 0");
        var emailElse = levels.get(1);
        assertEquals(0.25, emailElse.m(), EPS);
        assertEquals(1.0, emailElse.uCandidates(), EPS);
        assertEquals(-2.0, emailElse.weightFromTruth(), EPS);

        var dobExact = levels.get(2);
        assertEquals(2, dobExact.matches());
        assertEquals(1, dobExact.nonMatches());
        assertEquals(2.0 / 3, dobExact.m(), EPS);
        assertEquals(0.5, dobExact.uCandidates(), EPS);
        assertEquals(Math.log(4.0 / 3) / Math.log(2), dobExact.weightFromTruth(), EPS);
        var dobNull = levels.get(4);
        assertEquals(1, dobNull.matches());
        assertEquals(0, dobNull.nonMatches());
        assertTrue(Double.isNaN(dobNull.m()));
        assertTrue(Double.isNaN(dobNull.uCandidates()));
    }
}
