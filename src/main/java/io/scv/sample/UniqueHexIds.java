package io.scv.sample;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random-looking identifiers such as {@code esp-7f3a9c21} that are guaranteed unique within one generator run, and
 * never one of the ids issued before (by an earlier night).
 */
final class UniqueHexIds {
    private final String prefix;
    private final int hexDigits;
    private final Set<String> issuedBefore;           // membership only; never iterated
    private final Set<String> issued = new HashSet<>(); // membership only; never iterated

    UniqueHexIds(String prefix, int hexDigits) {
        this(prefix, hexDigits, Set.of());
    }

    UniqueHexIds(String prefix, int hexDigits, Set<String> issuedBefore) {
        this.prefix = prefix;
        this.hexDigits = hexDigits;
        this.issuedBefore = issuedBefore;
    }

    String next(SplittableRandom random) {
        while (true) {
            long bits = random.nextLong() >>> (64 - 4 * hexDigits);
            String id = prefix + String.format(Locale.ROOT, "%0" + hexDigits + "x", bits);
            if (!issuedBefore.contains(id) && issued.add(id)) {
                return id;
            }
        }
    }
}
