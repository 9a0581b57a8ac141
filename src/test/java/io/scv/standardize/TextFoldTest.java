package io.scv.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

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
}
