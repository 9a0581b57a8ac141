package io.scv.sample;

import java.util.Objects;

/**
 * What sample to generate: how many customers, the seed that fixes every random choice, how dirty the extracts
 * are, and how many nightly extracts to produce (only night 1 is written today; the population is generated
 * separately from the extracts so later nights can be derived from the same seeded people).
 */
public record SampleOptions(int customers, long seed, DirtRates dirt, int nights) {

    public SampleOptions {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, was: " + customers);
        }
        Objects.requireNonNull(dirt, "dirt");
        if (nights < 1) {
            throw new IllegalArgumentException("nights must be at least 1, was: " + nights);
        }
    }

    public static SampleOptions defaults(int customers, long seed) {
        return new SampleOptions(customers, seed, DirtRates.defaults(), 1);
    }
}
