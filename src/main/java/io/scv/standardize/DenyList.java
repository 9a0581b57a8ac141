package io.scv.standardize;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

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

    /**
     * The value without white space (as the regular expression {@code \\s} means it: space, tab, line feed,
     * vertical tab, form feed, carriage return), in lower case. Loops rather than regular expressions here and
     * below: every text value of every record is checked against the list.
     */
    private static String key(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isSpace(c)) {
                if (out == null) {
                    out = new StringBuilder(value.length()).append(value, 0, i);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return (out == null ? value : out.toString()).toLowerCase(Locale.ROOT);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Only digits and + ( ) - . and white space, at least {@value #MIN_PATTERN_DIGITS} digits, in a pattern. */
    private static boolean isPlaceholderPhone(String key) {
        if (key.isEmpty()) {
            return false;
        }
        var digits = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if ("+().-".indexOf(c) < 0 && !isSpace(c)) {
                return false;
            }
        }
        return digits.length() >= MIN_PATTERN_DIGITS && (isOneRepeatedDigit(digits) || isRun(digits, 1)
                || isRun(digits, -1));
    }

    private static boolean isOneRepeatedDigit(CharSequence digits) {
        return digits.chars().allMatch(c -> c == digits.charAt(0));
    }

    /** Each digit is the previous plus {@code step}, wrapping 9 → 0 ("1234567890") or 0 → 9. */
    private static boolean isRun(CharSequence digits, int step) {
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
        var localPart = new StringBuilder(at);
        for (int i = 0; i < at; i++) {
            char c = key.charAt(i);
            if (c != '.' && c != '_' && c != '-') {
                localPart.append(c);
            }
        }
        return PLACEHOLDER_EMAIL_LOCAL_PARTS.contains(localPart.toString());
    }
}
