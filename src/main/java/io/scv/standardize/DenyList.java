package io.scv.standardize;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns generic placeholder values that are not real identifiers ("test@test.com", "0000000000", "N/A") into
 * null, so they can never link two customers.
 *
 * <p>Values are compared ignoring case and all whitespace ("N / A" equals "n/a"). {@link #defaults()} also
 * denies by pattern: a phone-like value (only digits and + ( ) - . space, at least 6 digits) whose digits are
 * all the same or run strictly up or down ("0123456789", "1234567890", "987654"), and an e-mail whose local
 * part, ignoring '.', '-' and '_', is a placeholder word (test, noemail, none, no, na, null, unknown, asdf,
 * xxx) at any domain. {@link #of(Collection)} denies only the listed values. Instances are immutable and
 * Serializable, so a UDF can capture one; they are thread-safe.
 */
public final class DenyList implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Set<String> DEFAULT_VALUES = Set.of(
            "test@test.com", "noemail@none.com", "none@none.com", "no@email.com", "example@example.com",
            "0000000000", "1234567890", "123456", "n/a", "na", "none", "null", "unknown", "test", "-", "xxx", ".");
    private static final Set<String> PLACEHOLDER_EMAIL_LOCAL_PARTS = Set.of(
            "test", "noemail", "none", "no", "na", "null", "unknown", "asdf", "xxx");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern PHONE_LIKE = Pattern.compile("[0-9+().\\-\\s]+");
    private static final Pattern NON_DIGIT = Pattern.compile("\\D+");
    private static final Pattern LOCAL_PART_SEPARATORS = Pattern.compile("[._\\-]");
    private static final int MIN_PATTERN_DIGITS = 6;

    private static final DenyList DEFAULTS = new DenyList(DEFAULT_VALUES, true);

    private final Set<String> deniedKeys;
    private final boolean denyPatterns;

    private DenyList(Collection<String> values, boolean denyPatterns) {
        var keys = new HashSet<String>();
        for (var value : values) {
            var key = key(value);
            if (key != null) {
                keys.add(key);
            }
        }
        this.deniedKeys = Set.copyOf(keys);
        this.denyPatterns = denyPatterns;
    }

    /** Denies exactly these values (null and blank entries ignored), without the built-in patterns. */
    public static DenyList of(Collection<String> values) {
        Objects.requireNonNull(values, "deny-list values must not be null");
        return new DenyList(values, false);
    }

    /** The built-in generic placeholder values and patterns. */
    public static DenyList defaults() {
        return DEFAULTS;
    }

    /** A new list that also denies {@code values}; this list is unchanged. */
    public DenyList plus(Collection<String> values) {
        Objects.requireNonNull(values, "deny-list values must not be null");
        var all = new HashSet<>(deniedKeys);
        all.addAll(values);
        return new DenyList(all, denyPatterns);
    }

    /** Null for null, blank or denied values; otherwise the value unchanged (not trimmed). */
    public String clean(String value) {
        return value == null || isDenied(value) ? null : value;
    }

    /** True when {@link #clean(String)} would turn a non-null value into null: blank or denied. */
    public boolean isDenied(String value) {
        if (value == null) {
            return false;
        }
        var key = key(value);
        if (key == null || deniedKeys.contains(key)) {
            return true;
        }
        return denyPatterns && (isPlaceholderPhone(key) || isPlaceholderEmail(key));
    }

    private static String key(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return WHITESPACE.matcher(value).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static boolean isPlaceholderPhone(String key) {
        if (!PHONE_LIKE.matcher(key).matches()) {
            return false;
        }
        var digits = NON_DIGIT.matcher(key).replaceAll("");
        return digits.length() >= MIN_PATTERN_DIGITS && (isOneRepeatedDigit(digits) || isRun(digits, 1) || isRun(digits, -1));
    }

    private static boolean isOneRepeatedDigit(String digits) {
        return digits.chars().allMatch(c -> c == digits.charAt(0));
    }

    /** Each digit is the previous plus {@code step}, wrapping 9 → 0 ("1234567890") or 0 → 9. */
    private static boolean isRun(String digits, int step) {
        for (int i = 1; i < digits.length(); i++) {
            if ((digits.charAt(i - 1) - '0' + step + 10) % 10 != digits.charAt(i) - '0') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlaceholderEmail(String key) {
        var at = key.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        var localPart = LOCAL_PART_SEPARATORS.matcher(key.substring(0, at)).replaceAll("");
        return PLACEHOLDER_EMAIL_LOCAL_PARTS.contains(localPart);
    }
}
