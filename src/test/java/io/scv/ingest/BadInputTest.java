package io.scv.ingest;

import io.scv.config.ConfigException;
import io.scv.config.ConfigLoader;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input}, one row per case in docs/robustness.md). The data
 * cases are rows of {@code crm_rows.csv}, the ERP orders and the clickstream events, or whole files of their own,
 * all sources of {@code bad-input.yaml} that go through one run of the path the job takes: {@link ConfigLoader#load},
 * then {@link Ingest#run}. Each config case is a YAML file that {@link ConfigLoader} must refuse; the job loads its
 * config before it starts Spark, so these fail before any Spark work.
 */
class BadInputTest {
    private static final Path CORPUS = corpus();
    private static final String ONE_MEGABYTE = "x".repeat(1 << 20);

    @TempDir
    static Path dir;
    private static IngestResult result;
    private static List<Row> records;
    private static List<Row> quarantine;

    @BeforeAll
    static void ingestTheCorpus() throws IOException {
        try (var files = Files.list(CORPUS)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        // a 1 MB value once in a column the config does not read, once in one it does
        Files.writeString(dir.resolve("crm_rows.csv"), "h1,Lia,Ng,lia@example.com,,,," + ONE_MEGABYTE + "\n"
                + "h2," + ONE_MEGABYTE + ",Ng,mo@example.com,,,,\n", StandardOpenOption.APPEND);
        var config = ConfigLoader.load(dir.resolve("bad-input.yaml"));
        result = new Ingest(SparkTestSession.get()).run(config, Instant.parse("2025-06-30T12:00:00Z"));
        records = result.records().select("source", "source_id", "first_name", "last_name", "full_name", "email",
                "phone", "street", "order_count", "revenue", "first_order_at").collectAsList();
        quarantine = result.quarantine().collectAsList();
    }

    @Test
    void everyRowOfTheCrmExtractIsKeptOrQuarantinedAsItsCaseSays() {
        assertCounts("crm", 16, 9, 7);
        assertEquals(List.of("d1", "h1", "ml1", "ml2", "n1", "r1", "r2", "r3", "r4"), kept("crm"));
        assertEquals(Map.of("malformed row", 4L, "duplicate id within source (first row by content kept)", 1L,
                        "missing id in column id", 1L, "value longer than 10000 characters in column first_name", 1L),
                quarantined("crm", Ingest.RECORDS).stream().collect(Collectors.groupingBy(
                        r -> r.<String>getAs(Quarantine.REASON), Collectors.counting())));
    }

    @Test
    void malformedLinesAreQuarantinedAndAnUnclosedQuoteCostsOnlyItsOwnLine() {
        assertEquals(Map.of(
                        "q1,Bo,\"Unclosed,bo@example.com,,,,", "malformed row",
                        "q2,Di,Ok,di@example.com,,,,,surplus", "malformed row",
                        "q3,Ed,Short", "malformed row",
                        "q4,Jo,Lee,jo@example.com,,,,\"unclosed note", "malformed row"),
                reasonByRaw("crm", Ingest.RECORDS, "malformed row"),
                "unbalanced quotes (q1 mid-line, q4 in the last field), too many fields, too few fields");
        assertEquals("Cy", record("crm", "r2").getAs("first_name"), "the line after q1's unclosed quote is read");
        assertEquals("Fay, Jr", record("crm", "r3").getAs("first_name"), "the next quote is where q1's would close");
        assertEquals("Kay", record("crm", "r4").getAs("first_name"), "the line after q4's unclosed quote is read");
    }

    @Test
    void aQuotedValueThatSpansLinesIsOneRecord() {
        assertEquals("2 Low Road\nFlat 3", record("crm", "ml1").getAs("street"));
        assertEquals("Hal \"Hank\"", record("crm", "ml2").getAs("first_name"),
                "a quote inside a quoted value is written twice (RFC 4180)");
    }

    @Test
    void anOrderWithAnImpossibleDateOrAnAmountThatIsNotANumberIsQuarantined() {
        assertCounts("erp", 2, 2, 0);
        var orders = counts("erp", Ingest.ORDERS);
        assertEquals(List.of(5L, 2L, 3L), List.of(orders.read(), orders.kept(), orders.quarantined()));
        assertEquals(Map.of(
                        "o2", "unreadable date in column order_date",
                        "o3", "amount is not a number in column amount"),
                reasonById("erp", Ingest.ORDERS), "31/02/2020 and \"12,5O\" (a letter O)");
        assertEquals(Map.of("o4,E1,2020-01-17,12,5O", "malformed row"),
                reasonByRaw("erp", Ingest.ORDERS, "malformed row"), "12,5O unquoted is one field too many");
        Row e1 = record("erp", "E1");
        assertEquals(1L, (long) e1.getAs("order_count"), "only the good order of E1 counts");
        assertEquals(0, new BigDecimal("10.00").compareTo(e1.getAs("revenue")));
        Row e2 = record("erp", "E2");
        assertEquals(0, new BigDecimal("7.50").compareTo(e2.getAs("revenue")));
        assertEquals("2020-01-15", e2.getAs("first_order_at").toString(), "15/01/2020 is read day first");
    }

    @Test
    void aFileWithOnlyItsHeaderIsASourceWithNoRows() {
        assertCounts("header_only", 0, 0, 0);
    }

    @Test
    void columnsTheConfigDoesNotReadAreIgnored() {
        assertEquals("Ann", record("crm", "r1").getAs("first_name"));
        var columns = List.of(result.records().columns());
        assertFalse(columns.contains("loyalty_tier") || columns.contains("notes"), columns.toString());
        assertTrue(records.stream().noneMatch(r -> r.mkString().contains("NOTE-R1")));
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() {
        assertCounts("bom", 2, 2, 0);
        assertEquals(List.of("b1", "b2"), kept("bom"));
        assertEquals("Zoë", record("bom", "b2").getAs("first_name"));
    }

    @Test
    void aLatin1FileIsReadInTheEncodingItsSourceDeclares() {
        assertCounts("latin1", 2, 2, 0);
        assertEquals("José", record("latin1", "l1").getAs("first_name"));
        assertEquals("Müller", record("latin1", "l1").getAs("last_name"));
    }

    @Test
    void aRowThatIsNotValidInTheDeclaredEncodingIsQuarantinedNotMangled() {
        assertCounts("latin1_undeclared", 2, 1, 1);
        assertEquals(List.of("l2"), kept("latin1_undeclared"), "a row of plain ASCII reads the same in both");
        assertEquals(Map.of("l1", "text not valid UTF-8 in column first_name; declare the file's encoding in "
                + "options.encoding"), reasonById("latin1_undeclared", Ingest.RECORDS));
    }

    @Test
    void aOneMegabyteValueIsQuarantinedWhereTheConfigReadsItAndIgnoredWhereItDoesNot() {
        assertEquals("value longer than 10000 characters in column first_name", reasonById("crm", Ingest.RECORDS)
                .get("h2"));
        assertEquals("Lia", record("crm", "h1").getAs("first_name"), "h1's 1 MB is in notes, which is not read");
        assertTrue(records.stream().noneMatch(r -> r.mkString().contains(ONE_MEGABYTE)));
    }

    @Test
    void aSecondRowWithTheSameIdIsQuarantinedAndTheFirstByContentKept() {
        assertEquals("ivy.lee@example.com", record("crm", "d1").getAs("email"));
        var dup = quarantined("crm", Ingest.RECORDS).stream()
                .filter(r -> "d1".equals(r.getAs(Quarantine.SOURCE_ID))).toList();
        assertEquals(1, dup.size());
        assertEquals("duplicate id within source (first row by content kept)", dup.get(0).getAs(Quarantine.REASON));
        assertEquals("{\"id\":\"d1\",\"first_name\":\"Ivy\",\"last_name\":\"Lee\",\"email\":\"ivy@example.com\"}",
                dup.get(0).getAs(Quarantine.RAW));
    }

    @Test
    void aRecordWithAnIdButNoOtherValueIsKeptAndARowWithNothingIsQuarantined() {
        Row n1 = record("crm", "n1");
        assertTrue(Stream.of("first_name", "last_name", "email", "phone", "street").allMatch(c -> n1.getAs(c) == null),
                n1.toString());
        assertEquals(Map.of("{}", "missing id in column id"), reasonByRaw("crm", Ingest.RECORDS,
                "missing id in column id"));
    }

    @Test
    void clickstreamLinesThatAreNotJsonObjectsAreQuarantined() {
        var events = counts("web", Ingest.EVENTS);
        assertEquals(List.of(8L, 3L, 5L), List.of(events.read(), events.kept(), events.quarantined()));
        assertEquals(new TreeMap<>(Map.of(
                        "this line is not JSON", "malformed event (not JSON)",
                        "{\"device_id\":\"w2\",\"ts\":\"2024-03-0", "malformed event (not JSON)",
                        "[1, 2, 3]", "malformed event (not JSON)",
                        "42", "malformed event (not JSON)",
                        "{\"event_type\":\"page_view\",\"session_id\":\"s2\",\"ts\":\"2024-03-01T10:02:00Z\"}",
                        "event without device_id")),
                new TreeMap<>(reasonByRaw("web", Ingest.EVENTS)));
        assertEquals(List.of("w1", "w2"), kept("web"));
        assertEquals("ann@example.com", record("web", "w1").getAs("email"));
    }

    @Test
    void everyInputReconcilesAndEveryQuarantinedRowHasAReason() {
        for (SourceCounts c : result.counts()) {
            assertEquals(c.read(), c.kept() + c.quarantined() + c.expired(), c.toString());
            assertEquals(c.quarantined(), quarantined(c.source(), c.input()).size(), c.toString());
        }
        assertEquals(result.quarantined(), quarantine.size());
        assertTrue(quarantine.stream().allMatch(r -> r.getAs(Quarantine.REASON) != null), quarantine.toString());
    }

    static Stream<Arguments> configErrors() {
        return Stream.of(
                Arguments.of("config_unknown_kind.yaml", List.of(
                        "sources[1].kind: unknown kind 'crmm'; allowed: crm, erp, clickstream, generic")),
                Arguments.of("config_thresholds.yaml", List.of(
                        "scoring.match_threshold: must be between 0 and 1, was: 1.5",
                        "scoring.review_threshold: must be between 0 and 1, was: -0.1",
                        "comparisons[0].levels[0].threshold: method jaro_winkler compares a similarity from 0 to 1, "
                                + "so the threshold must be between 0 and 1, was: 1.5")),
                Arguments.of("config_unmapped_field.yaml", List.of(
                        "blocking.rules[0].keys[0]: field 'postcode' in 'soundex(postcode)' is not mapped by any "
                                + "source",
                        "comparisons[0].field: field 'dob' is not mapped by any source",
                        "comparisons[0].levels[0].field: field 'dob' is not mapped by any source",
                        "comparisons[1].levels[0].field: field 'phone' is not mapped by any source")),
                Arguments.of("config_missing_column.yaml", List.of(
                        "sources[0].columns.email: column 'email' not found in crm_missing_column.csv; columns "
                                + "there: [id, first_name, last_name]")),
                Arguments.of("config_empty_file.yaml", List.of(
                        "sources[0].path: file is empty (0 bytes): " + CORPUS.resolve("crm_empty.csv")
                                + "; a CSV extract with no rows still has its header line")),
                Arguments.of("config_unknown_encoding.yaml", List.of(
                        "sources[0].options.encoding: unknown encoding 'latin-1x'; use a Java charset name")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configErrors")
    void aBadConfigFailsWithItsPathAndBadValueBeforeSparkStarts(String file, List<String> expected) {
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(CORPUS.resolve(file)));
        assertEquals(expected.size(), e.problems().size(), e.getMessage());
        for (String problem : expected) {
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(problem)), problem + "\nin: " + e.getMessage());
        }
    }

    private static SourceCounts counts(String source, String input) {
        return result.counts().stream().filter(c -> c.source().equals(source) && c.input().equals(input))
                .findFirst().orElseThrow(() -> new AssertionError("no counts for " + source + " " + input));
    }

    private static void assertCounts(String source, long read, long kept, long quarantined) {
        var c = counts(source, source.equals("web") ? Ingest.EVENTS : Ingest.RECORDS);
        assertEquals(List.of(read, kept, quarantined), List.of(c.read(), c.kept(), c.quarantined()),
                "read, kept, quarantined of " + source);
    }

    private static List<String> kept(String source) {
        return records.stream().filter(r -> r.getAs("source").equals(source)).map(r -> r.<String>getAs("source_id"))
                .sorted().toList();
    }

    private static Row record(String source, String id) {
        return records.stream().filter(r -> r.getAs("source").equals(source) && r.getAs("source_id").equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no record " + source + ":" + id));
    }

    private static List<Row> quarantined(String source, String input) {
        return quarantine.stream().filter(r -> r.getAs(Quarantine.SOURCE).equals(source)
                && r.getAs(Quarantine.INPUT).equals(input)).toList();
    }

    private static Map<String, String> reasonById(String source, String input) {
        return quarantined(source, input).stream().filter(r -> r.getAs(Quarantine.SOURCE_ID) != null).collect(
                Collectors.toMap(r -> r.getAs(Quarantine.SOURCE_ID), r -> r.getAs(Quarantine.REASON)));
    }

    private static Map<String, String> reasonByRaw(String source, String input) {
        return quarantined(source, input).stream().collect(
                Collectors.toMap(r -> r.getAs(Quarantine.RAW), r -> r.getAs(Quarantine.REASON)));
    }

    private static Map<String, String> reasonByRaw(String source, String input, String reason) {
        return reasonByRaw(source, input).entrySet().stream().filter(e -> Objects.equals(e.getValue(), reason))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Path corpus() {
        try {
            return Path.of(Objects.requireNonNull(BadInputTest.class.getResource("/bad-input")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
