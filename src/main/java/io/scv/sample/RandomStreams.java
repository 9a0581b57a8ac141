package io.scv.sample;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams derived from the sample seed. Each purpose (population, CRM extract of
 * night 1, …) gets its own stream, so adding draws to one extract never shifts the values of another and a later
 * night can re-render the same population without disturbing night 1.
 */
final class RandomStreams {
    private RandomStreams() {
    }

    static SplittableRandom forPurpose(long seed, String purpose, int night) {
        long mixed = seed;
        for (byte b : (purpose + "#" + night).getBytes(StandardCharsets.UTF_8)) {
            mixed = mixed * 0x100000001B3L + b; // FNV-style mixing; stable across JVMs, unlike identity hashes
        }
        return new SplittableRandom(mixed);
    }

    static boolean chance(SplittableRandom random, double probability) {
        return random.nextDouble() < probability;
    }

    static <T> T oneOf(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    @SafeVarargs
    static <T> T oneOf(SplittableRandom random, T... items) {
        return items[random.nextInt(items.length)];
    }
}
