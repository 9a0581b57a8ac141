package io.scv.standardize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Standardises personal names: folds them ({@link TextFold}), drops titles and generational suffixes, splits
 * full names into first and last, and maps nicknames to a canonical given name ({@link Nicknames}).
 *
 * <p>Initials lose their dot by folding ("J." → "j"). Middle names and initials are dropped by
 * {@link #splitFullName(String)}; a surname particle (van, de, ...) stays with the last name, so
 * "Vincent van Gogh" → last "van gogh". Pure, thread-safe, null in → null out, blank → null.
 */
public final class NameStandardizer {

    private static final Set<String> TITLES = Set.of(
            "mr", "mrs", "ms", "miss", "mx", "master", "dr", "doctor", "prof", "professor",
            "sir", "dame", "lady", "lord", "rev", "revd", "reverend", "fr");
    private static final Set<String> SUFFIXES = Set.of(
            "jr", "junior", "sr", "senior", "ii", "iii", "iv", "phd", "md", "esq", "obe", "mbe", "cbe");
    private static final Set<String> SURNAME_PARTICLES = Set.of(
            "van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "dos", "das", "le", "la",
            "ter", "ten", "bin", "ibn", "mac", "st");

    private NameStandardizer() {
    }

    /** Folded given name(s) without leading titles: "Mr. J." → "j", "Mary-Ann" → "mary ann". */
    public static String firstName(String raw) {
        return join(withoutMiddleInitials(withoutTitles(tokens(raw))));
    }

    /** "John A" → "john": a trailing initial is a middle name, which other sources usually leave out. */
    private static List<String> withoutMiddleInitials(List<String> tokens) {
        if (tokens.size() < 2) {
            return tokens;
        }
        var kept = new ArrayList<String>(tokens.subList(0, 1));
        tokens.subList(1, tokens.size()).stream().filter(t -> t.length() > 1).forEach(kept::add);
        return kept;
    }

    /** Folded surname without a trailing generational suffix: "Smith Jr." → "smith", "O'Brien" → "obrien". */
    public static String lastName(String raw) {
        return join(withoutSuffixes(tokens(raw)));
    }

    /**
     * Splits a full name written either "First [Middle] Last" or "Last, First [Middle]". Titles and suffixes
     * are dropped; a single remaining token is taken as the last name. Returns null when nothing remains.
     */
    public static NameParts splitFullName(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var comma = raw.indexOf(',');
        var parts = comma >= 0
                ? splitLastCommaFirst(raw.substring(0, comma), raw.substring(comma + 1))
                : splitFirstLast(withoutSuffixes(withoutTitles(tokens(raw))));
        return parts.first() == null && parts.last() == null ? null : parts;
    }

    /** Canonical given name for a folded first name ("bob" → "robert"); unknown names map to themselves. */
    public static String canonicalFirstName(String folded) {
        return Nicknames.canonical(folded);
    }

    private static NameParts splitLastCommaFirst(String lastPart, String firstPart) {
        var last = join(withoutSuffixes(withoutTitles(tokens(lastPart))));
        var given = withoutSuffixes(withoutTitles(tokens(firstPart)));
        return new NameParts(given.isEmpty() ? null : given.get(0), last);
    }

    private static NameParts splitFirstLast(List<String> tokens) {
        if (tokens.isEmpty()) {
            return new NameParts(null, null);
        }
        if (tokens.size() == 1) {
            return new NameParts(null, tokens.get(0));
        }
        return new NameParts(tokens.get(0), join(tokens.subList(surnameStart(tokens), tokens.size())));
    }

    /** Index where the surname begins: at the first particle after the given name, else the last token. */
    private static int surnameStart(List<String> tokens) {
        for (int i = 1; i < tokens.size() - 1; i++) {
            if (SURNAME_PARTICLES.contains(tokens.get(i))) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    private static List<String> tokens(String raw) {
        var folded = TextFold.fold(raw);
        return folded == null ? List.of() : Arrays.asList(folded.split(" "));
    }

    private static List<String> withoutTitles(List<String> tokens) {
        int start = 0;
        while (start < tokens.size() && TITLES.contains(tokens.get(start))) {
            start++;
        }
        return tokens.subList(start, tokens.size());
    }

    /** Drops trailing suffixes, but never the only token left ("Ii" may be a surname). */
    private static List<String> withoutSuffixes(List<String> tokens) {
        var kept = new ArrayList<>(tokens);
        while (kept.size() > 1 && SUFFIXES.contains(kept.get(kept.size() - 1))) {
            kept.remove(kept.size() - 1);
        }
        return kept;
    }

    private static String join(List<String> tokens) {
        return tokens.isEmpty() ? null : String.join(" ", tokens);
    }
}
