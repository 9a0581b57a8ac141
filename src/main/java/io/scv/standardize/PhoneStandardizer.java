package io.scv.standardize;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Normalises telephone numbers to E.164 ("+447700900123") using a default country for national numbers.
 *
 * <p>Everything but digits and a leading '+' is ignored, as is a trailing extension ("x12", "ext. 12", "#12").
 * A number is international when it starts with '+', "00" or the default country's own international prefix
 * (US/CA 011, AU 0011, JP 010). Otherwise it is national: a trunk '0' is replaced by the calling code (Italy
 * keeps its 0), and digits that already begin with the calling code and are too long to be national are taken
 * as international ("447700900123" → "+447700900123"). A trunk "(0)" written after the code
 * ("+44 (0)20 ...") is dropped. A national number must have the country's national length (GB 9–10, US 10,
 * SG 8, ...) and any result 8–15 digits, else null.
 *
 * <p>No metadata per number range: this validates length, not whether a number is allocated. Pure,
 * thread-safe, null in → null out, blank → null.
 */
public final class PhoneStandardizer {

    private static final int MIN_DIGITS = 8;
    private static final int MAX_DIGITS = 15;
    private static final Pattern EXTENSION = Pattern.compile("(?i)\\s*(?:ext\\.?|extension|x|#)\\s*\\d{1,6}\\s*$");
    private static final Pattern NON_DIGIT = Pattern.compile("\\D+");

    private enum Trunk { ZERO_DROPPED, ZERO_KEPT, NONE }

    /** Calling code, national trunk prefix, international prefix and national significant number length. */
    private record CountryRule(String callingCode, Trunk trunk, String internationalPrefix, int minNational,
                               int maxNational) {
    }

    private static final Map<String, CountryRule> BY_ISO2 = Map.ofEntries(
            Map.entry("GB", new CountryRule("44", Trunk.ZERO_DROPPED, "00", 9, 10)),
            Map.entry("IE", new CountryRule("353", Trunk.ZERO_DROPPED, "00", 7, 9)),
            Map.entry("US", new CountryRule("1", Trunk.NONE, "011", 10, 10)),
            Map.entry("CA", new CountryRule("1", Trunk.NONE, "011", 10, 10)),
            Map.entry("AU", new CountryRule("61", Trunk.ZERO_DROPPED, "0011", 9, 9)),
            Map.entry("NZ", new CountryRule("64", Trunk.ZERO_DROPPED, "00", 8, 10)),
            Map.entry("DE", new CountryRule("49", Trunk.ZERO_DROPPED, "00", 6, 13)),
            Map.entry("AT", new CountryRule("43", Trunk.ZERO_DROPPED, "00", 6, 13)),
            Map.entry("CH", new CountryRule("41", Trunk.ZERO_DROPPED, "00", 9, 9)),
            Map.entry("FR", new CountryRule("33", Trunk.ZERO_DROPPED, "00", 9, 9)),
            Map.entry("BE", new CountryRule("32", Trunk.ZERO_DROPPED, "00", 8, 9)),
            Map.entry("NL", new CountryRule("31", Trunk.ZERO_DROPPED, "00", 9, 9)),
            Map.entry("SE", new CountryRule("46", Trunk.ZERO_DROPPED, "00", 7, 10)),
            Map.entry("FI", new CountryRule("358", Trunk.ZERO_DROPPED, "00", 6, 11)),
            Map.entry("ES", new CountryRule("34", Trunk.NONE, "00", 9, 9)),
            Map.entry("PT", new CountryRule("351", Trunk.NONE, "00", 9, 9)),
            Map.entry("IT", new CountryRule("39", Trunk.ZERO_KEPT, "00", 6, 11)),
            Map.entry("DK", new CountryRule("45", Trunk.NONE, "00", 8, 8)),
            Map.entry("NO", new CountryRule("47", Trunk.NONE, "00", 8, 8)),
            Map.entry("PL", new CountryRule("48", Trunk.NONE, "00", 9, 9)),
            Map.entry("IN", new CountryRule("91", Trunk.ZERO_DROPPED, "00", 10, 10)),
            Map.entry("SG", new CountryRule("65", Trunk.NONE, "000", 8, 8)),
            Map.entry("HK", new CountryRule("852", Trunk.NONE, "001", 8, 8)),
            Map.entry("JP", new CountryRule("81", Trunk.ZERO_DROPPED, "010", 9, 10)),
            Map.entry("ZA", new CountryRule("27", Trunk.ZERO_DROPPED, "00", 9, 9)),
            Map.entry("MX", new CountryRule("52", Trunk.NONE, "00", 10, 10)));
    private static final Map<String, String> ISO2_ALIASES = Map.of("UK", "GB");

    /** Calling code → rule, to recognise a redundant trunk "(0)" after the code in international numbers. */
    private static final Map<String, CountryRule> BY_CALLING_CODE = indexByCallingCode();

    private PhoneStandardizer() {
    }

    /**
     * E.164 form of {@code raw}, or null when it cannot be one. With a null default country only international
     * forms are accepted.
     *
     * @throws IllegalArgumentException if {@code defaultCountryIso2} is not null and not supported; check it
     *                                  up front with {@link #countryCallingCode(String)}
     */
    public static String toE164(String raw, String defaultCountryIso2) {
        var rule = ruleFor(defaultCountryIso2);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var withoutExtension = EXTENSION.matcher(raw).replaceFirst("");
        var digits = NON_DIGIT.matcher(withoutExtension).replaceAll("");
        if (digits.isEmpty()) {
            return null;
        }
        var international = startsWithPlus(withoutExtension) ? digits : international(digits, rule);
        if (international == null) {
            return null;
        }
        var e164Digits = withoutTrunkZeroAfterCallingCode(international);
        return isPlausibleLength(e164Digits) ? "+" + e164Digits : null;
    }

    /** Calling code digits without '+' ("GB" → "44", "us" → "1"), or null if the country is not supported. */
    public static String countryCallingCode(String iso2) {
        var rule = iso2 == null ? null : BY_ISO2.get(canonicalIso2(iso2));
        return rule == null ? null : rule.callingCode();
    }

    private static CountryRule ruleFor(String iso2) {
        if (iso2 == null) {
            return null;
        }
        var rule = BY_ISO2.get(canonicalIso2(iso2));
        if (rule == null) {
            throw new IllegalArgumentException(String.format(
                    "defaultCountryIso2 must be one of %s, was: %s", new TreeSet<>(BY_ISO2.keySet()), iso2));
        }
        return rule;
    }

    private static String canonicalIso2(String iso2) {
        var upper = iso2.strip().toUpperCase(Locale.ROOT);
        return ISO2_ALIASES.getOrDefault(upper, upper);
    }

    private static boolean startsWithPlus(String text) {
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (c == '+') {
                return true;
            }
            if (Character.isDigit(c)) {
                return false;
            }
        }
        return false;
    }

    /** Digits after the calling code's '+', from a number written without '+'; null if undecidable. */
    private static String international(String digits, CountryRule rule) {
        if (rule != null && digits.startsWith(rule.internationalPrefix())) {
            return digits.substring(rule.internationalPrefix().length());
        }
        if (digits.startsWith("00")) {
            return digits.substring(2);
        }
        if (rule == null) {
            return null;
        }
        if (alreadyHasCallingCode(digits, rule)) {
            return digits;
        }
        var national = rule.trunk() == Trunk.ZERO_DROPPED && digits.startsWith("0") ? digits.substring(1) : digits;
        return isValidNationalLength(national.length(), rule) ? rule.callingCode() + national : null;
    }

    private static boolean isValidNationalLength(int length, CountryRule rule) {
        return length >= rule.minNational() && length <= rule.maxNational();
    }

    /**
     * Digits such as "447700900123" already carry the code when the rest is a valid national length and the
     * whole is too long to be national. Where national numbers start with a trunk 0, a number without it that
     * starts with the code is taken as international even when short enough to be national ("4930123456").
     */
    private static boolean alreadyHasCallingCode(String digits, CountryRule rule) {
        if (!digits.startsWith(rule.callingCode())) {
            return false;
        }
        var validNational = isValidNationalLength(digits.length() - rule.callingCode().length(), rule);
        return validNational && (digits.length() > rule.maxNational() || rule.trunk() == Trunk.ZERO_DROPPED);
    }

    private static String withoutTrunkZeroAfterCallingCode(String digits) {
        for (int length = 1; length <= 3 && length < digits.length(); length++) {
            var rule = BY_CALLING_CODE.get(digits.substring(0, length));
            if (rule != null) {
                var dropsZero = rule.trunk() == Trunk.ZERO_DROPPED && digits.charAt(length) == '0';
                return dropsZero ? digits.substring(0, length) + digits.substring(length + 1) : digits;
            }
        }
        return digits;
    }

    private static boolean isPlausibleLength(String digits) {
        return digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS && digits.charAt(0) != '0';
    }

    private static Map<String, CountryRule> indexByCallingCode() {
        var index = new HashMap<String, CountryRule>();
        for (var rule : List.copyOf(BY_ISO2.values())) {
            index.putIfAbsent(rule.callingCode(), rule);
        }
        return Map.copyOf(index);
    }
}
