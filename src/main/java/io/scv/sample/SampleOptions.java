package io.scv.sample;

import java.util.Objects;

/**
 * What sample to generate: how many customers, the seed that fixes every random choice, how dirty the extracts
 * are, and how many nights to run: the files written are the full snapshot of the last night, night 1 being the
 * first extract and each later night the one before plus that night's changes (see {@link NightlyChanges}).
 */
public record SampleOptions(int customers, long seed, DirtRates dirt, int nights) {
    /** The planted identity scenarios play out over three nights. */
    public static final int MAX_NIGHTS = 3;

    public SampleOptions {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, was: " + customers);
        }
        Objects.requireNonNull(dirt, "dirt");
        if (nights < 1) {
            throw new IllegalArgumentException("nights must be at least 1, was: " + nights);
        }
        if (nights > MAX_NIGHTS) {
            throw new IllegalArgumentException("nights must be at most " + MAX_NIGHTS + ", was: " + nights);
        }
    }

    public static SampleOptions defaults(int customers, long seed) {
        return new SampleOptions(customers, seed, DirtRates.defaults(), 1);
    }

    /** These options, running {@code nights} nights (and so writing night {@code nights}'s snapshot). */
    public SampleOptions withNights(int nights) {
        return new SampleOptions(customers, seed, dirt, nights);
    }
}
