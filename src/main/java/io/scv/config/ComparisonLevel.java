package io.scv.config;

/**
 * One level of a comparison: the first level whose test holds gives the pair its weight.
 *
 * @param field     the field compared; defaults to the comparison's field
 * @param threshold similarity at least (jaro_winkler, levenshtein, jaccard, cosine) or distance at most
 *                  (date_diff_days, numeric_diff)
 * @param sql       condition for method sql, over {@code l.<field>} and {@code r.<field>}
 * @param weight    match weight, log2(m/u)
 */
public record ComparisonLevel(String label, LevelMethod method, String field, Double threshold, String sql,
                              double weight) {
}
