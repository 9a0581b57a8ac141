package io.scv.sample;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The comparison keys the planted identity scenarios are chosen by: what any sensible matcher treats as "the same
 * email", "the same phone" or "the same postcode" whatever the spelling. A value without a key (blank, junk,
 * not an address) never matches anything.
 *
 * <ul>
 *   <li>email: trimmed, lower case, "+tag" dropped, googlemail.com read as gmail.com and dots ignored at Gmail;</li>
 *   <li>phone: the last eight digits, the same in every {@link PhoneFormat} (every national number in the sample
 *       has at least eight);</li>
 *   <li>postcode: lower case without spaces.</li>
 * </ul>
 */
final class MatchKeys {
    private static final int PHONE_KEY_DIGITS = 8;

    private MatchKeys() {
    }

    static String email(String email) {
        String value = email.trim().toLowerCase(Locale.ROOT);
        int at = value.indexOf('@');
        if (at < 1 || at == value.length() - 1 || isJunk(RecordDirt.JUNK_EMAILS, value)) {
            return null;
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        int tag = local.indexOf('+');
        if (tag > 0) {
            local = local.substring(0, tag);
        }
        if (domain.equals("googlemail.com")) {
            domain = "gmail.com";
        }
        if (domain.equals("gmail.com")) {
            local = local.replace(".", "");
        }
        return local + "@" + domain;
    }

    static String phone(String phone) {
        if (isJunk(RecordDirt.JUNK_PHONES, phone)) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() < PHONE_KEY_DIGITS ? null : digits.substring(digits.length() - PHONE_KEY_DIGITS);
    }

    static String postcode(String postcode) {
        String key = postcode.toLowerCase(Locale.ROOT).replace(" ", "");
        return key.isEmpty() || isJunk(RecordDirt.JUNK_TEXT, postcode) ? null : key;
    }

    /** Both keys exist and are equal. */
    static boolean same(String key, String other) {
        return key != null && Objects.equals(key, other);
    }

    private static boolean isJunk(List<String> junk, String value) {
        return junk.stream().anyMatch(j -> j.equalsIgnoreCase(value.trim()));
    }
}
