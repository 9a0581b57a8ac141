package io.scv.train;

/**
 * How many pairs fell into one combination of comparison levels.
 *
 * @param levels per comparison, the index of its level in config order, or -1 when the comparison had nothing to
 *               compare (a null side); a null comparison says nothing and is left out of the likelihood
 * @param count  pairs with exactly these levels
 */
public record Pattern(int[] levels, long count) {
}
