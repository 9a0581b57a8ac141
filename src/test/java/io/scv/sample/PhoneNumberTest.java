package io.scv.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneNumberTest {
    private final PhoneNumber ukMobile = new PhoneNumber("44", "0", "7700900123", List.of(4, 6));

    @Test
    void writesAUkMobileInEveryFormatPeopleUse() {
        assertEquals("+447700900123", ukMobile.format(PhoneFormat.E164));
        assertEquals("+44 7700 900123", ukMobile.format(PhoneFormat.INTERNATIONAL));
        assertEquals("07700 900123", ukMobile.format(PhoneFormat.NATIONAL));
        assertEquals("07700900123", ukMobile.format(PhoneFormat.NATIONAL_COMPACT));
        assertEquals("(07700) 900-123", ukMobile.format(PhoneFormat.NATIONAL_BRACKETED));
        assertEquals("0044 7700 900123", ukMobile.format(PhoneFormat.INTERNATIONAL_DIALLING));
        assertEquals("447700900123", ukMobile.format(PhoneFormat.DIGITS_ONLY));
    }

    @Test
    void writesNumbersWithoutTrunkPrefixWithoutALeadingZero() {
        var usLandline = new PhoneNumber("1", "", "2125550123", List.of(3, 3, 4));
        assertEquals("212 555 0123", usLandline.format(PhoneFormat.NATIONAL));
        assertEquals("(212) 555-0123", usLandline.format(PhoneFormat.NATIONAL_BRACKETED));
        assertEquals("+1 212 555 0123", usLandline.format(PhoneFormat.INTERNATIONAL));
    }

    @Test
    void rejectsGroupsThatDoNotCoverTheNumber() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> new PhoneNumber("44", "0", "7700900123", List.of(4, 4)));
        assertEquals("groups must cover the national number 7700900123, were: [4, 4]", error.getMessage());
    }
}
