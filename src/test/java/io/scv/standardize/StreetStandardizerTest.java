package io.scv.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StreetStandardizerTest {

    @Test
    void nullAndBlankBecomeNull() {
        assertNull(StreetStandardizer.normalize(null));
        assertNull(StreetStandardizer.normalize(" "));
        assertNull(StreetStandardizer.houseNumber(null));
    }

    @Test
    void streetTypeAbbreviationsBecomeOneCanonicalWord() {
        assertEquals("12 high street", StreetStandardizer.normalize("12 High St."));
        assertEquals("12 high street", StreetStandardizer.normalize("12 HIGH STREET"));
        assertEquals("1 station road", StreetStandardizer.normalize("1 Station Rd"));
        assertEquals("5 park avenue", StreetStandardizer.normalize("5 Park Ave"));
        assertEquals("3 mill lane", StreetStandardizer.normalize("3 Mill Ln"));
        assertEquals("9 oak drive", StreetStandardizer.normalize("9 Oak Dr"));
        assertEquals("2 royal crescent", StreetStandardizer.normalize("2 Royal Cres"));
        assertEquals("7 kings court", StreetStandardizer.normalize("7 King's Ct"));
        assertEquals("4 grove place", StreetStandardizer.normalize("4 Grove Pl"));
        assertEquals("8 bay terrace", StreetStandardizer.normalize("8 Bay Tce"));
        assertEquals("8 bay terrace", StreetStandardizer.normalize("8 Bay Terr"));
        assertEquals("1 market square", StreetStandardizer.normalize("1 Market Sq"));
        assertEquals("100 pacific highway", StreetStandardizer.normalize("100 Pacific Hwy"));
        assertEquals("10 sunset boulevard", StreetStandardizer.normalize("10 Sunset Blvd"));
        assertEquals("6 marine parade", StreetStandardizer.normalize("6 Marine Pde"));
        assertEquals("11 elm close", StreetStandardizer.normalize("11 Elm Cl"));
        assertEquals("13 ash grove", StreetStandardizer.normalize("13 Ash Gro"));
    }

    @Test
    void abbreviationsAreOnlyReplacedAsWholeWords() {
        assertEquals("12 strand", StreetStandardizer.normalize("12 Strand"));
        assertEquals("4 clover road", StreetStandardizer.normalize("4 Clover Rd"));
    }

    @Test
    void stIsSaintBeforeANameAndStreetAtTheEnd() {
        assertEquals("12 saint marys street", StreetStandardizer.normalize("12 St. Mary's St"));
        assertEquals("1 main street unit 4", StreetStandardizer.normalize("1 Main St Apt 4"));
    }

    @Test
    void flatApartmentAndSuiteBecomeUnit() {
        assertEquals("unit 2 10 high street", StreetStandardizer.normalize("Flat 2, 10 High Street"));
        assertEquals("unit 2b 10 high street", StreetStandardizer.normalize("Apt. 2B 10 High St"));
        assertEquals("the flat", StreetStandardizer.normalize("The Flat"));
    }

    @Test
    void houseNumberIsTheLeadingNumberAfterAnyUnit() {
        assertEquals("12", StreetStandardizer.houseNumber("12 High St"));
        assertEquals("12a", StreetStandardizer.houseNumber("12A High St"));
        assertEquals("12", StreetStandardizer.houseNumber("12-14 High St"));
        assertEquals("10", StreetStandardizer.houseNumber("Flat 3, 10 Main Rd"));
        assertNull(StreetStandardizer.houseNumber("High Street"));
        assertNull(StreetStandardizer.houseNumber("Flat 3"));
    }
}
