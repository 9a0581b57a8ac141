package io.scv.standardize;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Folds free text to a comparable form: accents stripped, lower case, punctuation to single spaces.
 *
 * <p>Apostrophes are removed rather than spaced so that "O'Brien" and "OBrien" agree; hyphens and all other
 * punctuation become a space ("Smith-Jones" → "smith jones"). Letters that Unicode does not decompose
 * (ß, æ, ø, ł, ...) are spelled out in ASCII. Pure, thread-safe, null in → null out, blank → null.
 */
public final class TextFold {

    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`ʼ´ʹ]");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    // Letters with no canonical decomposition; NFKD leaves them untouched.
    private static final Map<Character, String> UNDECOMPOSABLE = Map.of(
            'ß', "ss", 'æ', "ae", 'œ', "oe", 'ø', "o", 'đ', "d",
            'ð', "d", 'ł', "l", 'þ', "th", 'ı', "i", 'ħ', "h");

    private TextFold() {
    }

    public static String fold(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (isAscii(raw)) {
            return foldAscii(raw);
        }
        var withoutApostrophes = APOSTROPHES.matcher(raw).replaceAll("");
        var lower = withoutApostrophes.toLowerCase(Locale.ROOT);
        var unaccented = COMBINING_MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFKD)).replaceAll("");
        var ascii = spellOutUndecomposable(unaccented);
        var folded = NOT_LETTER_OR_DIGIT.matcher(ascii).replaceAll(" ").strip();
        return folded.isEmpty() ? null : folded;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same fold for text with ASCII characters only, in one pass without regular expressions: ASCII has no
     * accents or decompositions, its apostrophes are ' and `, and its letters and digits are a-z, A-Z and 0-9.
     * Standardising spends most of its time folding, and most values are ASCII.
     */
    private static String foldAscii(String text) {
        var out = new StringBuilder(text.length());
        boolean gap = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '`') {
                continue;
            }
            boolean digit = c >= '0' && c <= '9';
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!digit && !letter) {
                gap = true;
                continue;
            }
            if (gap && !out.isEmpty()) {
                out.append(' ');
            }
            gap = false;
            out.append(letter ? (char) (c | 0x20) : c);
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static String spellOutUndecomposable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            var replacement = UNDECOMPOSABLE.get(text.charAt(i));
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 4).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(text.charAt(i)));
            }
        }
        return out == null ? text : out.toString();
    }
}
