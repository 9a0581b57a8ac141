package io.scv.standardize;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses dates written in the formats found in CRM, ERP and web extracts into {@link LocalDate}.
 *
 * <p>Accepted: {@code yyyy-MM-dd}, {@code yyyy/MM/dd}, {@code yyyyMMdd}, ISO timestamps (the date part as
 * written, no time-zone shift), day/month/year with '/', '-' or '.' and one- or two-digit day and month
 * ({@code dd/MM/yyyy}, {@code d/M/yyyy}, {@code dd-MM-yyyy}, {@code dd.MM.yyyy}, optionally followed by a
 * time), and English month names ({@code 5 Mar 2020}, {@code 05-MARCH-2020}). Years need four digits.
 * Numeric day/month forms are read day first unless {@code dayFirst} is false, which reads them month first
 * (US {@code MM/dd/yyyy}). Impossible dates such as 31/02/2020 give null. Matching is by regular expression
 * and {@link LocalDate#of}, so rows with bad dates cost no exception-driven format guessing.
 * Pure, thread-safe, null in → null out, blank → null.
 */
public final class DateStandardizer {

    private static final String OPTIONAL_TIME = "(?:[t ]\\d{1,2}:\\d{2}.*)?"; // matched after lower-casing
    private static final Pattern YEAR_FIRST = Pattern.compile(
            "(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})" + OPTIONAL_TIME);
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern YEAR_LAST = Pattern.compile(
            "(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})" + OPTIONAL_TIME);
    private static final Pattern MONTH_NAME = Pattern.compile(
            "(\\d{1,2})[\\s.\\-/]*([a-z]{3,9})\\.?[\\s.\\-/,]*(\\d{4})");

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("january", 1), Map.entry("feb", 2), Map.entry("february", 2),
            Map.entry("mar", 3), Map.entry("march", 3), Map.entry("apr", 4), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("june", 6), Map.entry("jul", 7),
            Map.entry("july", 7), Map.entry("aug", 8), Map.entry("august", 8), Map.entry("sep", 9),
            Map.entry("sept", 9), Map.entry("september", 9), Map.entry("oct", 10), Map.entry("october", 10),
            Map.entry("nov", 11), Map.entry("november", 11), Map.entry("dec", 12), Map.entry("december", 12));

    private DateStandardizer() {
    }

    /** Day-first parse; see the class comment for the accepted formats. */
    public static LocalDate parse(String raw) {
        return parse(raw, true);
    }

    /** Parse; {@code dayFirst} decides whether "03/04/2020" is 3 April (true) or 4 March (false). */
    public static LocalDate parse(String raw, boolean dayFirst) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var text = raw.strip().toLowerCase(Locale.ROOT);
        Matcher m;
        if ((m = YEAR_FIRST.matcher(text)).matches()) {
            return date(m.group(1), m.group(3), m.group(4));
        }
        if ((m = COMPACT.matcher(text)).matches()) {
            return date(m.group(1), m.group(2), m.group(3));
        }
        if ((m = YEAR_LAST.matcher(text)).matches()) {
            return dayFirst ? date(m.group(4), m.group(3), m.group(1)) : date(m.group(4), m.group(1), m.group(3));
        }
        if ((m = MONTH_NAME.matcher(text)).matches()) {
            var month = MONTHS.get(m.group(2));
            return month == null ? null : date(m.group(3), month.toString(), m.group(1));
        }
        return null;
    }

    /** Day-first parse rendered as ISO "yyyy-MM-dd", or null. */
    public static String toIso(String raw) {
        return toIso(raw, true);
    }

    /** Parse with the given day/month order, rendered as ISO "yyyy-MM-dd", or null. */
    public static String toIso(String raw, boolean dayFirst) {
        var date = parse(raw, dayFirst);
        return date == null ? null : date.toString();
    }

    private static LocalDate date(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
