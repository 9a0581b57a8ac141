package io.scv.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The test a comparison level applies to the pair's field values. */
public enum LevelMethod {
    EXACT(false), NICKNAME(false), INITIAL(false), SWAPPED(false), SOUNDEX(false), ARRAY_OVERLAP(false),
    JARO_WINKLER(true), LEVENSHTEIN(true), JACCARD(true), COSINE(true),
    DATE_DIFF_DAYS(true), NUMERIC_DIFF(true), SQL(false), ELSE(false);

    private final boolean needsThreshold;

    LevelMethod(boolean needsThreshold) {
        this.needsThreshold = needsThreshold;
    }

    public boolean needsThreshold() {
        return needsThreshold;
    }

    /** The threshold is a minimum similarity, from 0 to 1 (for the others it is a maximum distance). */
    public boolean isSimilarity() {
        return this == JARO_WINKLER || this == LEVENSHTEIN || this == JACCARD || this == COSINE;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LevelMethod> parse(String s) {
        return Arrays.stream(values()).filter(m -> m.configName().equals(s)).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(LevelMethod::configName).collect(Collectors.joining(", "));
    }
}
