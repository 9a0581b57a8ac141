package io.scv.compare;

import io.scv.config.CanonicalField;
import io.scv.config.Comparison;
import io.scv.config.ComparisonLevel;

import java.util.Locale;

/**
 * Spark SQL conditions for comparison levels, over a pair row with structs {@code l} and {@code r}. The same
 * text appears in logs and explanations, so a level can always be read back.
 */
public final class LevelConditions {
    private LevelConditions() {
    }

    /** True when the comparison has nothing to compare: its field is null (or an empty array) on either side. */
    public static String nullCondition(Comparison c) {
        if (c.field() == null) {
            return null;
        }
        String l = "l." + c.field();
        String r = "r." + c.field();
        boolean isArray = CanonicalField.byColumn(c.field()).map(CanonicalField::isArray).orElse(false);
        return isArray
                ? String.format("(%1$s IS NULL OR %2$s IS NULL OR size(%1$s) = 0 OR size(%2$s) = 0)", l, r)
                : String.format("(%1$s IS NULL OR %2$s IS NULL)", l, r);
    }

    public static String condition(ComparisonLevel level) {
        String l = "l." + level.field();
        String r = "r." + level.field();
        Double t = level.threshold();
        return switch (level.method()) {
            case EXACT -> l + " = " + r;
            case NICKNAME -> "scv_nickname(" + l + ", " + r + ")";
            case INITIAL -> String.format("((length(%1$s) = 1 AND substring(%2$s, 1, 1) = %1$s) OR "
                    + "(length(%2$s) = 1 AND substring(%1$s, 1, 1) = %2$s))", l, r);
            case SWAPPED -> "(l.first_name = r.last_name AND l.last_name = r.first_name)";
            case SOUNDEX -> "soundex(" + l + ") = soundex(" + r + ")";
            case ARRAY_OVERLAP -> "arrays_overlap(" + l + ", " + r + ")";
            case JARO_WINKLER -> "scv_jaro_winkler(" + l + ", " + r + ") >= " + num(t);
            case LEVENSHTEIN -> "scv_levenshtein_similarity(" + l + ", " + r + ") >= " + num(t);
            case JACCARD -> "scv_jaccard(" + l + ", " + r + ") >= " + num(t);
            case COSINE -> "scv_cosine(" + l + ", " + r + ") >= " + num(t);
            case DATE_DIFF_DAYS -> "abs(datediff(try_cast(" + l + " AS date), try_cast(" + r + " AS date))) <= "
                    + num(t);
            case NUMERIC_DIFF -> "abs(try_cast(" + l + " AS double) - try_cast(" + r + " AS double)) <= " + num(t);
            case SQL -> "(" + level.sql() + ")";
            case ELSE -> "true";
        };
    }

    private static String num(Double d) {
        return String.format(Locale.ROOT, "%s", d);
    }
}
