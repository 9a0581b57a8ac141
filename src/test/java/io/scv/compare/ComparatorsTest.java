package io.scv.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ComparatorsTest {

    private static final double EPS = 1e-9;

    @Test
    void everyStringComparatorReturnsNullWhenEitherSideIsMissing() {
        for (var pair : new String[][] {{null, "a"}, {"a", null}, {null, null}, {" ", "a"}, {"a", ""}}) {
            assertNull(Comparators.exact(pair[0], pair[1]));
            assertNull(Comparators.jaroWinkler(pair[0], pair[1]));
            assertNull(Comparators.levenshteinDistance(pair[0], pair[1]));
            assertNull(Comparators.levenshteinSimilarity(pair[0], pair[1]));
            assertNull(Comparators.jaccard(pair[0], pair[1]));
            assertNull(Comparators.tokenJaccard(pair[0], pair[1]));
            assertNull(Comparators.cosine(pair[0], pair[1]));
        }
    }

    @Test
    void exactComparesPresentValuesOnly() {
        assertTrue(Comparators.exact("smith", "smith"));
        assertFalse(Comparators.exact("smith", "Smith"));
    }

    @Test
    void jaroWinklerMatchesTheTextbookValues() {
        assertEquals(1.0, Comparators.jaroWinkler("martha", "martha"), EPS);
        assertEquals(0.961, Comparators.jaroWinkler("martha", "marhta"), 0.001);
        assertEquals(0.840, Comparators.jaroWinkler("dwayne", "duane"), 0.001);
        assertEquals(0.0, Comparators.jaroWinkler("abc", "xyz"), EPS);
    }

    @Test
    void levenshteinCountsEditsAndNormalisesByTheLongerString() {
        assertEquals(3, Comparators.levenshteinDistance("kitten", "sitting"));
        assertEquals(1.0 - 3.0 / 7.0, Comparators.levenshteinSimilarity("kitten", "sitting"), EPS);
        assertEquals(1.0, Comparators.levenshteinSimilarity("same", "same"), EPS);
        assertEquals(0.0, Comparators.levenshteinSimilarity("ab", "cd"), EPS);
    }

    @Test
    void jaccardUsesCharacterSets() {
        assertEquals(1.0, Comparators.jaccard("abc", "cba"), EPS);
        assertEquals(0.5, Comparators.jaccard("ab", "abcd"), EPS);
    }

    @Test
    void tokenJaccardUsesWhitespaceTokenSets() {
        assertEquals(2.0 / 3.0, Comparators.tokenJaccard("john a smith", "smith  john"), EPS);
        assertEquals(1.0, Comparators.tokenJaccard("a b", "b a a"), EPS);
        assertEquals(0.0, Comparators.tokenJaccard("a", "b"), EPS);
    }

    @Test
    void cosineUsesTokenFrequencies() {
        assertEquals(1.0, Comparators.cosine("acme ltd", "ltd acme"), EPS);
        assertEquals(0.5, Comparators.cosine("acme ltd", "acme inc"), EPS);
        assertEquals(0.0, Comparators.cosine("acme", "globex"), EPS);
    }

    @Test
    void numericDistanceIsAbsoluteAndNullSafe() {
        assertEquals(2.5, Comparators.numericDistance(1.0, 3.5), EPS);
        assertEquals(2.5, Comparators.numericDistance(3.5, 1.0), EPS);
        assertNull(Comparators.numericDistance(null, 1.0));
        assertNull(Comparators.numericDistance(Double.NaN, 1.0));
    }

    @Test
    void dateDistanceIsAbsoluteDays() {
        assertEquals(366L, Comparators.dateDistanceDays(LocalDate.of(2020, 1, 1), LocalDate.of(2021, 1, 1)));
        assertEquals(1L, Comparators.dateDistanceDays(LocalDate.of(2020, 3, 1), LocalDate.of(2020, 2, 29)));
        assertNull(Comparators.dateDistanceDays(null, LocalDate.of(2020, 1, 1)));
    }
}
