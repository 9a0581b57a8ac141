package io.scv.cli;

import io.scv.cluster.Overrides;
import io.scv.config.ConfigLoader;
import io.scv.config.PrivacySettings;
import io.scv.config.ScvConfig;
import io.scv.identity.LineageEvent;
import io.scv.publish.OverrideTables;
import io.scv.publish.RecordTokens;
import io.scv.publish.Tables;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Erasure end to end: Bart bridges Anna (same phone) and Carl (same surname and date of birth), so the first run
 * makes one customer of the three. Forgetting Bart by his email must leave no trace of him in any file under the
 * warehouse (current or older versions, change feed, transaction log), split Anna from Carl with the split in
 * {@code id_lineage}, and the next night's run of the same extract must not bring him back. The config names
 * records in {@code match_evidence} by keyed tokens ({@code privacy.evidence_record_keys: tokens}), and the next
 * night runs incremental, so it reads those tokens back to reuse the evidence.
 */
class ForgetTest {
    /** Bart's own values: nobody else shares them (Anna shares his phone, Carl his surname and birthday). */
    private static final List<String> BART = List.of("Bartholomew", "bart.quist@example.net", "QX-7781",
            "Wisteria", "Zeppelin");
    static final String CSV = """
            contact_id,first_name,last_name,dob,email,phone,street,city,postcode,country,job_title
            AN-1001,Anna,Lee,1985-02-03,anna.lee@example.com,07700 900001,1 High Street,Leeds,LS1 4AP,GB,
            QX-7781,Bartholomew,Quist,1990-07-08,bart.quist@example.net,07700 900001,17 Wisteria Lane,York,YO1 7HH,GB,
            CQ-2002,Carl,Quist,1990-07-08,carl.q@example.org,07700 900003,9 Mill Road,Hull,HU1 1AA,GB,
            EV-3003,Eve,Moss,1970-11-12,eve.moss@example.com,07700 900004,4 Park Row,Bath,BA1 1AA,GB,
            EV-3004,Eve,Moss,1970-11-12,eve.moss@example.com,07700 900005,4 Park Row,Bath,BA1 1AA,GB,
            QX-7781,Bart,Quist,1990-07-08,bart.quist@example.net,07700 900001,17 Wisteria Lane,York,YO1 7HH,GB,Chief Zeppelin Officer
            "broken,line with bart.quist@example.net and "quotes
            """;
    static final String CONFIG = """
            run: {name: forget-test, warehouse: warehouse, default_country: GB}
            spark: {spark.sql.shuffle.partitions: 2}
            sources:
              - name: crm
                kind: crm
                path: crm.csv
                id_column: contact_id
                columns: {first_name: first_name, last_name: last_name, dob: dob, email: email, phone: phone,
                          street: street, city: city, postcode: postcode, country: country, job_title: job_title}
            blocking:
              max_block_size: 100
              max_candidate_pairs: 1000
              rules:
                - {name: email, keys: [email]}
                - {name: phone, keys: [phone]}
                - {name: surname_dob, keys: [last_name, dob]}
            comparisons:
              - name: email
                field: email
                levels: [{label: exact, method: exact, weight: 20}, {label: else, method: else, weight: 0}]
              - name: phone
                field: phone
                levels: [{label: exact, method: exact, weight: 20}, {label: else, method: else, weight: 0}]
              - name: surname_dob
                field: last_name
                levels:
                  - {label: "same surname and birthday", method: sql, sql: "l.last_name = r.last_name AND l.dob = r.dob", weight: 20}
                  - {label: else, method: else, weight: 0}
            scoring: {prior_match_probability: 0.001, match_threshold: 0.9, review_threshold: 0.3}
            golden: {source_priority: [crm], default_rule: most_complete}
            """;

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static ScvConfig config;
    private static Map<String, String> firstNight;
    private static List<String> foundBefore;
    private static ForgetCommand.Outcome outcome;
    private static Map<String, String> afterForget;
    private static List<Row> lineage;
    private static Map<String, String> nextNight;
    private static long nextNightSuppressed;
    private static List<Row> firstEvidence;
    private static List<Row> afterForgetEvidence;
    private static List<Row> nextNightEvidence;

    @BeforeAll
    static void firstNightForgetAndNextNight() throws IOException {
        spark = SparkTestSession.get();
        Files.writeString(dir.resolve("crm.csv"), CSV);
        Files.writeString(dir.resolve("scv.yaml"), CONFIG);
        config = ConfigLoader.load(dir.resolve("scv.yaml")).withWarehouse(dir.resolve("warehouse").toString())
                .withPrivacy(new PrivacySettings(true, "SCV_TOKEN_SALT", "a secret of sixteen or more"));
        new ScvJob(spark).run(config);
        firstNight = xref();
        firstEvidence = evidence();
        new OverrideTables(spark, config.run().warehouse()).add(OverrideTables.Kind.MUST_LINK,
                new Overrides.Pair("crm:CQ-2002", "crm:QX-7781"), "same twin", "tester");
        foundBefore = bartIn(Path.of(config.run().warehouse()));
        outcome = ForgetCommand.forget(spark, config, new ForgetCommand.Subject(ForgetCommand.SubjectKind.EMAIL,
                " BART.Quist@Example.NET"), "dpo", 0);
        afterForget = xref();
        lineage = spark.read().format("delta").load(Tables.path(config.run().warehouse(), Tables.ID_LINEAGE))
                .filter(col("run_id").equalTo(outcome.runId())).collectAsList();
        afterForgetEvidence = evidence();
        var summary = new ScvJob(spark).run(config, true);
        nextNightSuppressed = summary.suppressed();
        nextNight = xref();
        nextNightEvidence = evidence();
    }

    @Test
    void theFirstNightJoinsAnnaAndCarlThroughBart() {
        assertEquals(firstNight.get("crm:AN-1001"), firstNight.get("crm:QX-7781"));
        assertEquals(firstNight.get("crm:CQ-2002"), firstNight.get("crm:QX-7781"));
        assertNotEquals(firstNight.get("crm:EV-3003"), firstNight.get("crm:AN-1001"));
        assertEquals(new TreeSet<>(BART), new TreeSet<>(foundBefore), "before the erasure the scan must see all of "
                + "Bart's values on disk, or the check after it proves nothing");
    }

    @Test
    void forgettingBartLeavesNoFileOnDiskWithHisValues() throws IOException {
        assertEquals(List.of(), bartIn(Path.of(config.run().warehouse())));
    }

    @Test
    void theBridgeIsGoneAndTheSplitIsInTheLineage() {
        assertFalse(afterForget.containsKey("crm:QX-7781"));
        assertEquals(4, afterForget.size());
        assertNotEquals(afterForget.get("crm:AN-1001"), afterForget.get("crm:CQ-2002"));
        String old = firstNight.get("crm:AN-1001");
        assertTrue(afterForget.get("crm:AN-1001").equals(old) || afterForget.get("crm:CQ-2002").equals(old),
                "one of the two parts keeps the customer ID");
        var splits = lineage.stream().filter(r -> r.getAs("event").equals(LineageEvent.SPLIT_FROM)).toList();
        assertEquals(1, splits.size(), "lineage of the erasure's run: " + lineage);
        assertEquals(old, splits.get(0).getAs("related_id"));
    }

    @Test
    void theOutcomeAndTheAuditRowCountWhatWasRemovedWithoutNamingBart() {
        assertEquals(1, outcome.recordsRemoved());
        assertEquals(1, outcome.customersAffected());
        assertEquals(2, outcome.identifiersSuppressed(), "Bart's record key and his email");
        assertEquals(1, outcome.overridePairsRemoved());
        assertTrue(outcome.filesPurged() > 0);
        var audit = spark.read().format("delta").load(Tables.path(config.run().warehouse(), Tables.ERASURE_LOG))
                .collectAsList();
        assertEquals(1, audit.size());
        assertEquals("dpo", audit.get(0).getAs("requested_by"));
        assertEquals("email", audit.get(0).getAs("subject_kind"));
        assertEquals("done", audit.get(0).getAs("status"));
        assertEquals(outcome.runId(), audit.get(0).getAs("run_id"));
        assertFalse(outcome.toText().toLowerCase(Locale.ROOT).contains("bart"));
        assertTrue(new OverrideTables(spark, config.run().warehouse()).list(OverrideTables.Kind.MUST_LINK).isEmpty());
    }

    @Test
    void theNextNightWithTheSameExtractDoesNotBringBartBack() {
        assertFalse(nextNight.containsKey("crm:QX-7781"));
        assertEquals(afterForget, nextNight, "the same customers and IDs as right after the erasure");
        assertEquals(1, nextNightSuppressed);
        var quarantine = spark.read().format("delta").load(Tables.path(config.run().warehouse(),
                Tables.QUARANTINE)).collectAsList().toString().toLowerCase(Locale.ROOT);
        assertFalse(quarantine.contains("quist@") || quarantine.contains("zeppelin"), quarantine);
    }

    @Test
    void evidenceNamesRecordsByTokensThatTheCrosswalkResolves() {
        var tokens = spark.read().format("delta").load(Tables.path(config.run().warehouse(), Tables.CUSTOMER_XREF))
                .select(RecordTokens.COLUMN).collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals(3, firstEvidence.size(), "Anna~Bart, Bart~Carl, Eve~Eve: " + firstEvidence);
        assertEquals(1, afterForgetEvidence.size(), "Bart's two pairs are gone, Eve's stays");
        for (Row r : afterForgetEvidence) {
            assertTrue(r.getString(0).startsWith("tok-") && r.getString(1).startsWith("tok-"), r.toString());
            assertTrue(tokens.contains(r.getString(0)) && tokens.contains(r.getString(1)), r.toString());
        }
        assertFalse(firstEvidence.toString().contains("crm:"), "no record key in the evidence: " + firstEvidence);
        assertEquals(afterForgetEvidence, nextNightEvidence, "the incremental night reused the evidence");
        assertEquals(nextNight.get("crm:EV-3003"), nextNight.get("crm:EV-3004"), "and read its tokens back");
    }

    private static List<Row> evidence() {
        return spark.read().format("delta").load(Tables.path(config.run().warehouse(), Tables.MATCH_EVIDENCE))
                .select("l_key", "r_key", "decision").orderBy("l_key", "r_key").collectAsList();
    }

    private static Map<String, String> xref() {
        var map = new HashMap<String, String>();
        for (Row r : spark.read().format("delta").load(Tables.path(config.run().warehouse(), Tables.CUSTOMER_XREF))
                .select("record_key", "customer_id").collectAsList()) {
            map.put(r.getString(0), r.getString(1));
        }
        return map;
    }

    /**
     * Which of Bart's values any file under the folder holds: every Parquet file (data files of every version,
     * change-feed files, log checkpoints) is read row by row, every other file (the JSON transaction log,
     * checksums) as text. Case-insensitive, so standardised forms count too.
     */
    private static List<String> bartIn(Path root) throws IOException {
        var found = new TreeSet<String>();
        List<Path> files;
        try (var walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            String text = f.toString().endsWith(".parquet")
                    ? spark.read().parquet(f.toString()).collectAsList().stream().map(Row::toString)
                    .collect(Collectors.joining("\n"))
                    : new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            String lower = text.toLowerCase(Locale.ROOT);
            for (String value : BART) {
                if (lower.contains(value.toLowerCase(Locale.ROOT))) {
                    found.add(value);
                }
            }
        }
        return new ArrayList<>(found);
    }
}
