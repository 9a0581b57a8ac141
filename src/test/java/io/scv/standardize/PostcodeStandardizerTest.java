package io.scv.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PostcodeStandardizerTest {

    @Test
    void nullBlankAndPunctuationOnlyBecomeNull() {
        assertNull(PostcodeStandardizer.normalize(null, "GB"));
        assertNull(PostcodeStandardizer.normalize("  ", "GB"));
        assertNull(PostcodeStandardizer.normalize(" - ", null));
    }

    @Test
    void ukPostcodesGetOneSpaceBeforeTheInwardCode() {
        assertEquals("SW1A 1AA", PostcodeStandardizer.normalize("sw1a1aa", "GB"));
        assertEquals("M1 1AE", PostcodeStandardizer.normalize(" m 1-1ae ", "gb"));
        assertEquals("EC1A 1BB", PostcodeStandardizer.normalize("EC1A  1BB", "UK"));
        assertEquals("JE2 3AB", PostcodeStandardizer.normalize("je23ab", "JE"));
    }

    @Test
    void ukValuesWithoutTheFullShapeStayCompact() {
        assertEquals("SW1A", PostcodeStandardizer.normalize("sw1a", "GB"));
    }

    @Test
    void otherCountriesAreCompactUpperCaseAndKeepLeadingZeros() {
        assertEquals("1234AB", PostcodeStandardizer.normalize("1234 ab", "NL"));
        assertEquals("01067", PostcodeStandardizer.normalize("01067", "DE"));
        assertEquals("D02X285", PostcodeStandardizer.normalize("D02 X285", "IE"));
        assertEquals("SW1A1AA", PostcodeStandardizer.normalize("sw1a 1aa", null));
    }

    @Test
    void usZipPlusFourIsCutToTheZip() {
        assertEquals("02134", PostcodeStandardizer.normalize("02134-1234", "US"));
        assertEquals("02134", PostcodeStandardizer.normalize("02134", "US"));
    }

    @Test
    void outwardIsTheUkDistrictPart() {
        assertEquals("SW1A", PostcodeStandardizer.outward("sw1a 1aa"));
        assertEquals("M1", PostcodeStandardizer.outward("M11AE"));
        assertEquals("SW1A", PostcodeStandardizer.outward("SW1A"));
        assertNull(PostcodeStandardizer.outward("12345"));
        assertNull(PostcodeStandardizer.outward(null));
    }
}
