package io.scv.config;

/**
 * One level of a comparison: the first level whose test holds gives the pair its weight.
 *
 * @param field     the field compared; defaults to the comparison's field
 * @param threshold similarity at least (jaro_winkler, levenshtein, jaccard, cosine) or distance at most
 *                  (date_diff_days, numeric_diff)
 * @param sql       condition for method sql, over {@code l.<field>} and {@code r.<field>}
 * @param weight    match weight, log2(m/u): from the config, or from the trained model ({@code scoring.model})
 * @param u         share of random record pairs at this level, when known (trained or given); null otherwise.
 *                  Term-frequency adjustment replaces it by the agreeing value's own frequency.
 */
public record ComparisonLevel(String label, LevelMethod method, String field, Double threshold, String sql,
                              double weight, Double u) {
    public ComparisonLevel(String label, LevelMethod method, String field, Double threshold, String sql,
                           double weight) {
        this(label, method, field, threshold, sql, weight, null);
    }

    public ComparisonLevel withWeight(double newWeight, Double newU) {
        return new ComparisonLevel(label, method, field, threshold, sql, newWeight, newU);
    }
}
