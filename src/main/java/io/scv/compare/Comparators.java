package io.scv.compare;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.CosineSimilarity;
import org.apache.commons.text.similarity.JaccardSimilarity;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Null-safe similarity and distance functions for pairs of standardised values, meant to be wrapped as UDFs.
 *
 * <p>Every function returns null when either side is null (or, for strings, blank), so a missing value falls
 * into a comparison's neutral null level and null never equals null. Strings are compared exactly as given
 * (case and accents included): standardise them first. Similarities are in [0, 1], 1 meaning identical.
 * The Commons Text scorers hold no state and are shared; the functions are thread-safe.
 */
public final class Comparators {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();
    private static final JaccardSimilarity JACCARD = new JaccardSimilarity();
    private static final CosineSimilarity COSINE = new CosineSimilarity();
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Comparators() {
    }

    /** True when both are present and equal, null when either is missing. */
    public static Boolean exact(String a, String b) {
        return present(a, b) ? a.equals(b) : null;
    }

    /** Jaro-Winkler similarity (prefix-weighted; good for names and typos in short strings). */
    public static Double jaroWinkler(String a, String b) {
        return present(a, b) ? JARO_WINKLER.apply(a, b) : null;
    }

    /** Levenshtein edit distance: insertions, deletions and substitutions of UTF-16 chars. */
    public static Integer levenshteinDistance(String a, String b) {
        return present(a, b) ? LEVENSHTEIN.apply(a, b) : null;
    }

    /** 1 − distance / length of the longer string. */
    public static Double levenshteinSimilarity(String a, String b) {
        if (!present(a, b)) {
            return null;
        }
        return 1.0 - (double) LEVENSHTEIN.apply(a, b) / Math.max(a.length(), b.length());
    }

    /** Jaccard similarity of the two strings' sets of characters (order- and count-blind). */
    public static Double jaccard(String a, String b) {
        return present(a, b) ? JACCARD.apply(a, b) : null;
    }

    /** Jaccard similarity of the sets of whitespace-separated tokens ("john a smith" vs "smith john" → 2/3). */
    public static Double tokenJaccard(String a, String b) {
        if (!present(a, b)) {
            return null;
        }
        var tokensA = tokenSet(a);
        var tokensB = tokenSet(b);
        var union = new HashSet<>(tokensA);
        union.addAll(tokensB);
        tokensA.retainAll(tokensB);
        return (double) tokensA.size() / union.size();
    }

    /** Cosine similarity of whitespace-token frequency vectors (word order ignored, repeats counted). */
    public static Double cosine(String a, String b) {
        return present(a, b) ? COSINE.cosineSimilarity(tokenCounts(a), tokenCounts(b)) : null;
    }

    /** Absolute difference; null when either side is null or NaN. */
    public static Double numericDistance(Double a, Double b) {
        if (a == null || b == null || a.isNaN() || b.isNaN()) {
            return null;
        }
        return Math.abs(a - b);
    }

    /** Absolute number of days between the dates. */
    public static Long dateDistanceDays(LocalDate a, LocalDate b) {
        if (a == null || b == null) {
            return null;
        }
        return Math.abs(ChronoUnit.DAYS.between(a, b));
    }

    private static boolean present(String a, String b) {
        return a != null && b != null && !a.isBlank() && !b.isBlank();
    }

    private static String[] tokens(String text) {
        return WHITESPACE.split(text.strip());
    }

    private static Set<String> tokenSet(String text) {
        return new HashSet<>(Arrays.asList(tokens(text)));
    }

    private static Map<CharSequence, Integer> tokenCounts(String text) {
        var counts = new HashMap<CharSequence, Integer>();
        for (var token : tokens(text)) {
            counts.merge(token, 1, Integer::sum);
        }
        return counts;
    }
}
