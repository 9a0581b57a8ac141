package io.scv.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SampleOptionsTest {

    @Test
    void defaultsUseDefaultDirtAndOneNight() {
        var options = SampleOptions.defaults(2000, 42);
        assertEquals(new SampleOptions(2000, 42, DirtRates.defaults(), 1), options);
    }

    @Test
    void rejectsARateOutsideZeroToOneNamingTheRateAndValue() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> new DirtRates(1.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals("typo must be a probability between 0 and 1, was: 1.5", error.getMessage());
    }

    @Test
    void rejectsNoCustomersAndNoNights() {
        assertEquals("customers must be at least 1, was: 0", assertThrows(IllegalArgumentException.class,
                () -> SampleOptions.defaults(0, 1)).getMessage());
        assertEquals("nights must be at least 1, was: 0", assertThrows(IllegalArgumentException.class,
                () -> new SampleOptions(10, 1, DirtRates.none(), 0)).getMessage());
    }

    @Test
    void rejectsMoreNightsThanTheScenariosPlayOver() {
        assertEquals("nights must be at most 3, was: 4", assertThrows(IllegalArgumentException.class,
                () -> SampleOptions.defaults(10, 1).withNights(4)).getMessage());
        assertEquals(3, SampleOptions.defaults(10, 1).withNights(3).nights());
    }

    @Test
    void everyDirtKindReadsItsOwnRate() {
        var rates = new DirtRates(0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12, 0.13,
                0.14, 0.15, 0.16, 0.17, 0.18);
        for (DirtKind kind : DirtKind.values()) {
            assertEquals((kind.ordinal() + 1) / 100.0, rates.rateOf(kind), 1e-9, kind.name());
        }
    }
}
