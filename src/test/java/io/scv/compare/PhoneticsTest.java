package io.scv.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PhoneticsTest {

    @Test
    void soundexMatchesTheStandardExamples() {
        assertEquals("R163", Phonetics.soundex("Robert"));
        assertEquals("R163", Phonetics.soundex("Rupert"));
        assertEquals("R150", Phonetics.soundex("Rubin"));
        assertEquals("A261", Phonetics.soundex("Ashcraft"));
        assertEquals("A261", Phonetics.soundex("Ashcroft"));
        assertEquals("T522", Phonetics.soundex("Tymczak"));
        assertEquals("P236", Phonetics.soundex("Pfister"));
        assertEquals("H555", Phonetics.soundex("Honeyman"));
    }

    @Test
    void shortNamesArePaddedWithZeros() {
        assertEquals("L000", Phonetics.soundex("Lee"));
        assertEquals("A000", Phonetics.soundex("a"));
    }

    @Test
    void caseAccentsAndPunctuationAreIgnored() {
        assertEquals(Phonetics.soundex("Muller"), Phonetics.soundex("MÜLLER"));
        assertEquals("O165", Phonetics.soundex("O'Brien"));
        assertEquals("V522", Phonetics.soundex("van Gogh"));
    }

    @Test
    void missingOrLetterlessInputGivesNull() {
        assertNull(Phonetics.soundex(null));
        assertNull(Phonetics.soundex(" "));
        assertNull(Phonetics.soundex("123"));
    }
}
