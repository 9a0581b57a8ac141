package io.scv.sample;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * Fixed calendar the sample lives in, so output never depends on the day it is generated: source systems run from
 * 2019, night 1's extract is taken at the end of {@link #EXTRACT_DATE} and each later night's a day after the one
 * before.
 */
final class SampleDates {
    static final LocalDate SYSTEMS_START = LocalDate.of(2019, 1, 1);
    static final LocalDate EXTRACT_DATE = LocalDate.of(2026, 1, 31);
    static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private SampleDates() {
    }

    /** The day whose end night {@code night}'s extract is taken at: what happens that night is dated that day. */
    static LocalDate extractDate(int night) {
        return EXTRACT_DATE.plusDays(night - 1L);
    }

    /** A day between first and last, both inclusive. */
    static LocalDate dayBetween(SplittableRandom random, LocalDate first, LocalDate last) {
        return first.plusDays(random.nextLong(ChronoUnit.DAYS.between(first, last) + 1));
    }

    /** A whole minute on a day between first and last, as systems that store minutes write it. */
    static String minuteBetween(SplittableRandom random, LocalDate first, LocalDate last) {
        Instant instant = dayBetween(random, first, last).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plus(random.nextInt(24 * 60), ChronoUnit.MINUTES);
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
