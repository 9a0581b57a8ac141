package io.scv.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateStandardizerTest {

    private static final LocalDate MARCH_5 = LocalDate.of(2020, 3, 5);

    @Test
    void nullBlankAndGarbageBecomeNull() {
        assertNull(DateStandardizer.parse(null));
        assertNull(DateStandardizer.parse("  "));
        assertNull(DateStandardizer.parse("yesterday"));
        assertNull(DateStandardizer.parse("5 Foo 2020"));
        assertNull(DateStandardizer.toIso(null));
    }

    @Test
    void yearFirstFormats() {
        assertEquals(MARCH_5, DateStandardizer.parse("2020-03-05"));
        assertEquals(MARCH_5, DateStandardizer.parse("2020/03/05"));
        assertEquals(MARCH_5, DateStandardizer.parse("20200305"));
    }

    @Test
    void isoTimestampsGiveTheirDatePart() {
        assertEquals(MARCH_5, DateStandardizer.parse("2020-03-05T23:15:30Z"));
        assertEquals(MARCH_5, DateStandardizer.parse("2020-03-05T23:15:30.123+01:00"));
        assertEquals(MARCH_5, DateStandardizer.parse("2020-03-05 10:00:00"));
    }

    @Test
    void dayFirstFormatsAreTheDefault() {
        assertEquals(MARCH_5, DateStandardizer.parse("05/03/2020"));
        assertEquals(MARCH_5, DateStandardizer.parse("5/3/2020"));
        assertEquals(MARCH_5, DateStandardizer.parse("05-03-2020"));
        assertEquals(MARCH_5, DateStandardizer.parse("05.03.2020"));
        assertEquals(MARCH_5, DateStandardizer.parse("05/03/2020 14:30"));
    }

    @Test
    void monthFirstOnlyWhenConfigured() {
        assertEquals(LocalDate.of(2020, 5, 3), DateStandardizer.parse("05/03/2020", false));
        assertNull(DateStandardizer.parse("12/31/2020"));
        assertEquals(LocalDate.of(2020, 12, 31), DateStandardizer.parse("12/31/2020", false));
    }

    @Test
    void englishMonthNames() {
        assertEquals(MARCH_5, DateStandardizer.parse("5 Mar 2020"));
        assertEquals(MARCH_5, DateStandardizer.parse("05 MARCH 2020"));
        assertEquals(MARCH_5, DateStandardizer.parse("05-Mar-2020"));
        assertEquals(LocalDate.of(2021, 9, 1), DateStandardizer.parse("1 Sept 2021"));
    }

    @Test
    void impossibleDatesBecomeNull() {
        assertNull(DateStandardizer.parse("31/02/2020"));
        assertNull(DateStandardizer.parse("2021-02-29"));
        assertNull(DateStandardizer.parse("20201301"));
        assertNull(DateStandardizer.parse("00/01/2020"));
        assertEquals(LocalDate.of(2020, 2, 29), DateStandardizer.parse("29/02/2020"));
    }

    @Test
    void twoDigitYearsAreNotGuessed() {
        assertNull(DateStandardizer.parse("05/03/20"));
    }

    @Test
    void toIsoRendersYearMonthDay() {
        assertEquals("2020-03-05", DateStandardizer.toIso("5 Mar 2020"));
        assertEquals("2020-05-03", DateStandardizer.toIso("05/03/2020", false));
        assertNull(DateStandardizer.toIso("31/02/2020"));
    }
}
