package io.scv.config;

/**
 * How {@code scv train} estimates the model.
 *
 * @param randomPairs   random comparable pairs drawn to count u (the share of non-matching pairs at each level)
 * @param maxIterations EM iterations at most
 * @param tolerance     EM stops when no parameter moves by more than this
 * @param seed          seed of the random pair sample, so training is repeatable
 * @param maxPairsPerRule a training-only rule that would pair more runs on a sample of the records
 */
public record TrainingSettings(int randomPairs, int maxIterations, double tolerance, long seed,
                               long maxPairsPerRule) {
    public static TrainingSettings defaults() {
        return new TrainingSettings(1_000_000, 200, 1e-6, 42, 2_000_000);
    }
}
