package io.scv.standardize;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises postcodes to a compact upper-case string; postcodes stay strings so leading zeros survive.
 *
 * <p>Spaces and punctuation are removed. UK-format postcodes (GB and the Crown Dependencies GG, JE, IM) get
 * their single space back before the inward code ("sw1a1aa" → "SW1A 1AA") when they have the full UK shape;
 * anything else stays compact. US ZIP+4 is cut to the 5-digit ZIP, because sources rarely agree on the +4.
 * Pure, thread-safe, null in → null out, blank → null.
 */
public final class PostcodeStandardizer {

    private static final Set<String> UK_FORMAT_COUNTRIES = Set.of("GB", "UK", "GG", "JE", "IM");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Z0-9]+");
    private static final Pattern UK_FULL = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}");
    private static final Pattern UK_OUTWARD = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?");
    private static final Pattern US_ZIP_PLUS_4 = Pattern.compile("[0-9]{9}");
    private static final int UK_INWARD_LENGTH = 3;

    private PostcodeStandardizer() {
    }

    /** Compact upper-case postcode, UK-spaced for UK-format countries; country may be null (no country rules). */
    public static String normalize(String raw, String countryIso2) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var compact = NOT_ALPHANUMERIC.matcher(raw.toUpperCase(Locale.ROOT)).replaceAll("");
        if (compact.isEmpty()) {
            return null;
        }
        var country = countryIso2 == null ? "" : countryIso2.strip().toUpperCase(Locale.ROOT);
        if (UK_FORMAT_COUNTRIES.contains(country) && UK_FULL.matcher(compact).matches()) {
            var split = compact.length() - UK_INWARD_LENGTH;
            return compact.substring(0, split) + " " + compact.substring(split);
        }
        if (country.equals("US") && US_ZIP_PLUS_4.matcher(compact).matches()) {
            return compact.substring(0, 5);
        }
        return compact;
    }

    /** Outward code of a UK postcode ("sw1a 1aa" → "SW1A"; an outward code alone is returned as is), else null. */
    public static String outward(String gbPostcode) {
        var normalized = normalize(gbPostcode, "GB");
        if (normalized == null) {
            return null;
        }
        var space = normalized.indexOf(' ');
        if (space > 0) {
            return normalized.substring(0, space);
        }
        return UK_OUTWARD.matcher(normalized).matches() ? normalized : null;
    }
}
