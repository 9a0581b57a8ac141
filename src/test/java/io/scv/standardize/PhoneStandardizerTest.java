package io.scv.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhoneStandardizerTest {

    @Test
    void nullBlankAndDigitlessBecomeNull() {
        assertNull(PhoneStandardizer.toE164(null, "GB"));
        assertNull(PhoneStandardizer.toE164("  ", "GB"));
        assertNull(PhoneStandardizer.toE164("n/a", "GB"));
    }

    @Test
    void nationalTrunkZeroIsReplacedByTheDefaultCountryCode() {
        assertEquals("+447700900123", PhoneStandardizer.toE164("07700 900123", "GB"));
        assertEquals("+442079460000", PhoneStandardizer.toE164("(020) 7946-0000", "GB"));
        assertEquals("+353851234567", PhoneStandardizer.toE164("085 123 4567", "IE"));
        assertEquals("+61412345678", PhoneStandardizer.toE164("0412 345 678", "AU"));
        assertEquals("+4930123456", PhoneStandardizer.toE164("030 123456", "DE"));
        assertEquals("+33612345678", PhoneStandardizer.toE164("06 12 34 56 78", "FR"));
        assertEquals("+31201234567", PhoneStandardizer.toE164("020-1234567", "NL"));
        assertEquals("+6421123456", PhoneStandardizer.toE164("021 123 456", "NZ"));
        assertEquals("+919876543210", PhoneStandardizer.toE164("09876543210", "IN"));
    }

    @Test
    void italyKeepsItsLeadingZero() {
        assertEquals("+390612345678", PhoneStandardizer.toE164("06 1234 5678", "IT"));
        assertEquals("+393471234567", PhoneStandardizer.toE164("347 123 4567", "IT"));
    }

    @Test
    void countriesWithoutTrunkPrefixTakeTheCodeInFront() {
        assertEquals("+16502530000", PhoneStandardizer.toE164("(650) 253-0000", "US"));
        assertEquals("+14165550123", PhoneStandardizer.toE164("416.555.0123", "CA"));
        assertEquals("+6591234567", PhoneStandardizer.toE164("9123 4567", "SG"));
        assertEquals("+34612345678", PhoneStandardizer.toE164("612 34 56 78", "ES"));
    }

    @Test
    void digitsAlreadyStartingWithTheCountryCodeAreInternational() {
        assertEquals("+447700900123", PhoneStandardizer.toE164("447700900123", "GB"));
        assertEquals("+16502530000", PhoneStandardizer.toE164("1 650 253 0000", "US"));
        assertEquals("+6591234567", PhoneStandardizer.toE164("6591234567", "SG"));
    }

    @Test
    void nationalNumberThatHappensToStartWithTheCodeStaysNational() {
        assertEquals("+6565123456", PhoneStandardizer.toE164("6512 3456", "SG"));
    }

    @Test
    void plusAndInternationalPrefixesWinOverTheDefaultCountry() {
        assertEquals("+447700900123", PhoneStandardizer.toE164("+44 7700 900123", "US"));
        assertEquals("+447700900123", PhoneStandardizer.toE164("0044 7700 900123", "FR"));
        assertEquals("+447700900123", PhoneStandardizer.toE164("011 44 7700 900123", "US"));
        assertEquals("+447700900123", PhoneStandardizer.toE164("0011 44 7700 900123", "AU"));
        assertEquals("+447700900123", PhoneStandardizer.toE164("(+44) 7700-900123", null));
    }

    @Test
    void redundantTrunkZeroAfterTheCountryCodeIsDropped() {
        assertEquals("+442079460000", PhoneStandardizer.toE164("+44 (0)20 7946 0000", "GB"));
        assertEquals("+390612345678", PhoneStandardizer.toE164("+39 06 1234 5678", "GB"));
    }

    @Test
    void extensionsAreIgnored() {
        assertEquals("+442079460000", PhoneStandardizer.toE164("020 7946 0000 ext. 123", "GB"));
        assertEquals("+16502530000", PhoneStandardizer.toE164("650-253-0000 x12", "US"));
    }

    @Test
    void wrongLengthsBecomeNull() {
        assertNull(PhoneStandardizer.toE164("253-0000", "US"));
        assertNull(PhoneStandardizer.toE164("123", "GB"));
        assertNull(PhoneStandardizer.toE164("+44 123", "GB"));
        assertNull(PhoneStandardizer.toE164("+1234567890123456", "GB"));
    }

    @Test
    void withoutDefaultCountryOnlyInternationalFormsAreAccepted() {
        assertNull(PhoneStandardizer.toE164("07700 900123", null));
        assertEquals("+447700900123", PhoneStandardizer.toE164("0044 7700 900123", null));
    }

    @Test
    void unsupportedDefaultCountryFailsWithTheValueInTheMessage() {
        var error = assertThrows(IllegalArgumentException.class, () -> PhoneStandardizer.toE164("123", "XX"));
        assertTrue(error.getMessage().contains("was: XX"), error.getMessage());
    }

    @Test
    void countryCallingCodeIsCaseInsensitiveAndNullWhenUnknown() {
        assertEquals("44", PhoneStandardizer.countryCallingCode("GB"));
        assertEquals("44", PhoneStandardizer.countryCallingCode("uk"));
        assertEquals("1", PhoneStandardizer.countryCallingCode("us"));
        assertEquals("353", PhoneStandardizer.countryCallingCode("IE"));
        assertNull(PhoneStandardizer.countryCallingCode("XX"));
        assertNull(PhoneStandardizer.countryCallingCode(null));
    }
}
