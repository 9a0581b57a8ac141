package io.scv.standardize;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class StandardizeFunctionsTest {
    @Test
    void countriesAreReadFromCodesAndNamesAndAnUnreadableOneIsUnknownNotTheDefault() {
        assertEquals("GB", StandardizeFunctions.country("U.K.", "IE"));
        assertEquals("GB", StandardizeFunctions.country("united kingdom", "IE"));
        assertEquals("SG", StandardizeFunctions.country("sg", "GB"));
        assertEquals("IE", StandardizeFunctions.country(null, "IE"), "blank means the source's default");
        assertNull(StandardizeFunctions.country("Atlantis", "GB"));
    }

    @Test
    void consentIsYesNoOrUnknownNeverGuessed() {
        assertEquals("Y", StandardizeFunctions.consent("Yes"));
        assertEquals("N", StandardizeFunctions.consent("opted out"));
        assertNull(StandardizeFunctions.consent("maybe"));
        assertNull(StandardizeFunctions.consent(null));
    }

    @Test
    void aPhoneFromACountryWithoutAKnownCallingCodeIsKeptOnlyWhenWrittenInternationally() {
        assertEquals("+447700900123", StandardizeFunctions.phone("07700 900123", "GB"));
        assertEquals("+447700900123", StandardizeFunctions.phone("+44 7700 900123", "XX"));
        assertNull(StandardizeFunctions.phone("07700 900123", "XX"));
    }
}
