package io.scv.compare;

import io.scv.standardize.TextFold;

/**
 * Phonetic codes for blocking and comparing surnames that sound alike but are spelled differently.
 *
 * <p>American Soundex: the first letter, then up to three digits for the following consonants
 * (b f p v → 1; c g j k q s x z → 2; d t → 3; l → 4; m n → 5; r → 6), adjacent letters with the same digit
 * coded once, including the first letter; vowels and y separate equal digits, h and w do not; zero-padded to
 * four characters. The input is folded first, so accents are ignored and only a–z letters count: words are
 * run together ("van gogh" → "vangogh" → V522). Pure, thread-safe, null in → null out.
 */
public final class Phonetics {

    private static final String SOUNDEX_DIGITS = "01230120022455012623010202"; // a..z; 0 = vowel or y, h, w
    private static final int SOUNDEX_LENGTH = 4;

    private Phonetics() {
    }

    /** Four-character American Soundex ("Robert" → "R163"), or null when there is no a–z letter. */
    public static String soundex(String name) {
        var letters = asciiLetters(name);
        if (letters.isEmpty()) {
            return null;
        }
        var code = new StringBuilder(SOUNDEX_LENGTH).append(Character.toUpperCase(letters.charAt(0)));
        var previousDigit = digitOf(letters.charAt(0));
        for (int i = 1; i < letters.length() && code.length() < SOUNDEX_LENGTH; i++) {
            var letter = letters.charAt(i);
            if (letter == 'h' || letter == 'w') {
                continue; // h and w do not separate consonants with the same code
            }
            var digit = digitOf(letter);
            if (digit != '0' && digit != previousDigit) {
                code.append(digit);
            }
            previousDigit = digit;
        }
        while (code.length() < SOUNDEX_LENGTH) {
            code.append('0');
        }
        return code.toString();
    }

    private static String asciiLetters(String name) {
        var folded = TextFold.fold(name);
        if (folded == null) {
            return "";
        }
        var letters = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            var c = folded.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letters.append(c);
            }
        }
        return letters.toString();
    }

    private static char digitOf(char letter) {
        return SOUNDEX_DIGITS.charAt(letter - 'a');
    }
}
