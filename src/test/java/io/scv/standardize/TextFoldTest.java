package io.scv.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;

class TextFoldTest {

    @Test
    void nullAndBlankAndPunctuationOnlyBecomeNull() {
        assertNull(TextFold.fold(null));
        assertNull(TextFold.fold(""));
        assertNull(TextFold.fold(" \t\n "));
        assertNull(TextFold.fold(" -.,' "));
    }

    @Test
    void accentsAreStrippedAndCaseIsLowered() {
        assertEquals("jose muller", TextFold.fold("José MÜLLER"));
        assertEquals("francois", TextFold.fold("François"));
        assertEquals("zoe", TextFold.fold("Zoë"));
    }

    @Test
    void lettersWithoutDecompositionAreSpelledOut() {
        assertEquals("strasse", TextFold.fold("Straße"));
        assertEquals("soren aero lodz", TextFold.fold("Søren Ærø Łódź"));
    }

    @Test
    void apostrophesAreRemovedAndHyphensBecomeSpaces() {
        assertEquals("obrien", TextFold.fold("O'Brien"));
        assertEquals("obrien", TextFold.fold("O’Brien"));
        assertEquals("smith jones", TextFold.fold("Smith-Jones"));
    }

    @Test
    void punctuationAndWhitespaceRunsCollapseToOneSpace() {
        assertEquals("j r r tolkien", TextFold.fold("  J.R.R.   Tolkien!! "));
        assertEquals("a b", TextFold.fold("a\t\n/b"));
    }

    @Test
    void compatibilityFormsAreFolded() {
        assertEquals("file 12", TextFold.fold("ﬁle １２"));
    }

    @Test
    void foldingIsIdempotent() {
        var once = TextFold.fold("Ms. Zoë O'Neill-Smyth");
        assertEquals(once, TextFold.fold(once));
    }

    /** The fold as its class comment defines it, in regular expressions: ASCII text takes a faster path. */
    private static String definition(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.replaceAll("['’‘`ʼ´ʹ]", "").toLowerCase(Locale.ROOT);
        s = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        s = s.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").replace("ø", "o").replace("đ", "d")
                .replace("ð", "d").replace("ł", "l").replace("þ", "th").replace("ı", "i").replace("ħ", "h");
        s = s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        return s.isEmpty() ? null : s;
    }

    @Test
    void asciiAndOtherTextFoldAsTheRegularExpressionsDefine() {
        var random = new Random(7);
        String ascii = "aZ09 '`-.,/\t\n\u000B\u0001~_@#";
        String other = "éÜßøŁ’´ʹ\u00A0\u2003１ﬁ\u0301";
        for (int i = 0; i < 20_000; i++) {
            var text = new StringBuilder();
            String alphabet = i % 2 == 0 ? ascii : ascii + other;
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(definition(text.toString()), TextFold.fold(text.toString()), "'" + text + "'");
        }
    }
}
