package io.scv.standardize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises street lines so that "12 High St." and "12 high street" agree.
 *
 * <p>The line is folded ({@link TextFold}), then each whole word that is a street type or its abbreviation
 * becomes one canonical word (rd → road, ave → avenue, ...), and a unit designator followed by a value
 * ("flat 2", "apt 2", "apartment 2", "suite 2") becomes "unit 2". "st" is ambiguous: it is "street" when it
 * ends the line or precedes a unit designator, otherwise "saint" ("12 st marys st" → "12 saint marys street").
 * Pure, thread-safe, null in → null out, blank → null.
 */
public final class StreetStandardizer {

    private static final String UNIT = "unit";
    private static final Set<String> UNIT_DESIGNATORS = Set.of("unit", "flat", "apt", "apartment", "suite");
    private static final Pattern LEADING_HOUSE_NUMBER = Pattern.compile("[0-9]+[a-z]?");

    private static final Map<String, String> STREET_TYPES = Map.ofEntries(
            Map.entry("str", "street"),
            Map.entry("rd", "road"),
            Map.entry("ave", "avenue"), Map.entry("av", "avenue"), Map.entry("avn", "avenue"),
            Map.entry("ln", "lane"),
            Map.entry("dr", "drive"), Map.entry("drv", "drive"),
            Map.entry("cres", "crescent"), Map.entry("cresc", "crescent"), Map.entry("cr", "crescent"),
            Map.entry("ct", "court"), Map.entry("crt", "court"),
            Map.entry("pl", "place"),
            Map.entry("tce", "terrace"), Map.entry("terr", "terrace"), Map.entry("ter", "terrace"),
            Map.entry("sq", "square"), Map.entry("sqr", "square"),
            Map.entry("hwy", "highway"),
            Map.entry("blvd", "boulevard"), Map.entry("bvd", "boulevard"),
            Map.entry("pde", "parade"),
            Map.entry("cl", "close"),
            Map.entry("gr", "grove"), Map.entry("gro", "grove"), Map.entry("grv", "grove"),
            Map.entry("gdns", "gardens"), Map.entry("gdn", "gardens"),
            Map.entry("pk", "park"),
            Map.entry("wy", "way"),
            Map.entry("cir", "circle"),
            Map.entry("mt", "mount"),
            Map.entry("hts", "heights"),
            Map.entry("pkwy", "parkway"),
            Map.entry("rdg", "ridge"),
            Map.entry("esp", "esplanade"));

    private StreetStandardizer() {
    }

    /** Folded street line with canonical street types and unit designators. */
    public static String normalize(String raw) {
        var folded = TextFold.fold(raw);
        if (folded == null) {
            return null;
        }
        var tokens = folded.split(" ");
        var out = new ArrayList<String>(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            var next = i + 1 < tokens.length ? tokens[i + 1] : null;
            out.add(canonicalToken(tokens[i], next));
        }
        return String.join(" ", out);
    }

    /**
     * The house number: the first token starting with digits once any leading unit ("flat 2") is skipped,
     * keeping a letter suffix ("12a High St" → "12a", "Flat 3, 10 Main Rd" → "10", "12-14 High St" → "12").
     * Null when the line does not start with a number.
     */
    public static String houseNumber(String raw) {
        var normalized = normalize(raw);
        if (normalized == null) {
            return null;
        }
        List<String> tokens = List.of(normalized.split(" "));
        var start = tokens.size() >= 3 && tokens.get(0).equals(UNIT) ? 2 : 0;
        var candidate = tokens.get(start);
        return LEADING_HOUSE_NUMBER.matcher(candidate).matches() ? candidate : null;
    }

    private static String canonicalToken(String token, String next) {
        if (UNIT_DESIGNATORS.contains(token) && next != null) {
            return UNIT;
        }
        if (token.equals("st")) {
            return next == null || UNIT_DESIGNATORS.contains(next) ? "street" : "saint";
        }
        return STREET_TYPES.getOrDefault(token, token);
    }
}
