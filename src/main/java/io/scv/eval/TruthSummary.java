package io.scv.eval;

/**
 * What a truth holds: records with an entity and how many entities; for labelled pairs also the distinct positive
 * and negative pairs, and negative pairs whose records the positive pairs put into one entity (contradictions in
 * the labels; the entity metrics follow the positive pairs).
 */
public record TruthSummary(Truth.Kind kind, long records, long entities, long positivePairs, long negativePairs,
                           long negativePairsInsideEntities) {
}
