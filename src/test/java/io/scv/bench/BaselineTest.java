package io.scv.bench;

import io.scv.cli.RunSummary;
import io.scv.cli.ScvJob;
import io.scv.config.ConfigLoader;
import io.scv.config.ScvConfig;
import io.scv.sample.SampleGenerator;
import io.scv.sample.SampleOptions;
import io.scv.testing.SparkTestSession;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The single-JVM baseline against the job itself on one generated population (400 customers, broken rows
 * included): it must do the job's work, so it must form the job's records and candidate pairs and find the job's
 * matches, exactly.
 */
class BaselineTest {
    private static final int CUSTOMERS = 400;
    private static final long SEED = 11;

    @TempDir
    static Path dir;
    private static ScvConfig config;
    private static BaselineResult baseline;
    private static RunSummary job;

    @BeforeAll
    static void runTheBaselineAndTheJobOnOnePopulation() throws IOException {
        new SampleGenerator(SampleOptions.defaults(CUSTOMERS, SEED)).writeTo(dir, true);
        config = configReading(dir, Files.readString(Path.of("conf/scv.yaml")));
        baseline = Baseline.run(config, dir.resolve("truth.csv"));
        job = new ScvJob(SparkTestSession.get()).run(config);
    }

    /** conf/scv.yaml (or a variant of its text) with its inputs in {@code folder}. */
    private static ScvConfig configReading(Path folder, String yaml) throws IOException {
        Path file = folder.resolve("scv-" + Integer.toHexString(yaml.hashCode()) + ".yaml");
        Files.writeString(file, yaml.replace("../sample-data/", ""));
        return ConfigLoader.load(file).withWarehouse(folder.resolve("warehouse").toString());
    }

    @Test
    void readsTheRecordsTheJobMatches() {
        assertEquals(job.records(), baseline.records());
    }

    /**
     * Exact, not within a tolerance: the baseline reads, standardises and keys records with the job's own functions
     * and Spark's string semantics, so any difference is a bug in one of the two.
     */
    @Test
    void formsTheJobsCandidatePairs() {
        assertEquals(job.candidatePairs(), baseline.candidatePairs());
    }

    /** Exact as well: the same levels, the same weights added in the same order, the same thresholds. */
    @Test
    void findsTheJobsMatches() {
        assertEquals(job.matchedPairs(), baseline.matchedPairs());
    }

    /** The job's cluster rules only ever split connected components, so it ends with at least as many customers. */
    @Test
    void itsConnectedComponentsAreAtMostTheJobsCustomers() {
        assertTrue(baseline.clusters() <= job.customers(), baseline.clusters() + " > " + job.customers());
        assertTrue(baseline.clusters() >= job.customers() * 0.95, baseline.clusters() + " vs " + job.customers());
    }

    @Test
    void clustersTheGeneratedPopulationWellAgainstItsTruth() {
        assertTrue(baseline.pairwiseF1() > 0.9, "pairwise F1 " + baseline.pairwiseF1());
    }

    @Test
    void timesEveryStageInOrderAndSeesTheHeap() {
        assertEquals(List.of("read", "standardize", "block", "score", "cluster"),
                List.copyOf(baseline.stageSeconds().keySet()));
        double stages = baseline.stageSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(baseline.totalSeconds() >= stages, baseline.totalSeconds() + " < " + stages);
        assertTrue(baseline.peakHeapBytes() > 0);
    }

    @Test
    void leavesOutF1WithoutATruthFile() {
        assertNull(Baseline.run(config, null).pairwiseF1());
    }

    @Test
    void refusesAnSqlLevelItDoesNotKnowBeforeReadingAnything() throws IOException {
        String yaml = Files.readString(Path.of("conf/scv.yaml"));
        String postcodeLevel = "sql: \"l.postcode = r.postcode\"";
        assertTrue(yaml.contains(postcodeLevel), "conf/scv.yaml has the level this test changes");
        var other = configReading(dir, yaml.replace(postcodeLevel, "sql: \"l.city = r.city\""));
        var e = assertThrows(BaselineUnsupportedConfig.class, () -> Baseline.run(other, null));
        assertTrue(e.getMessage().startsWith("comparisons[5].levels[3].sql: the SQL level 'l.city = r.city'"),
                e.getMessage());
    }

    @Test
    void refusesTermFrequencyAdjustment() throws IOException {
        String yaml = Files.readString(Path.of("conf/scv.yaml"))
                .replace("  - name: last_name\n    field: last_name\n",
                        "  - name: last_name\n    field: last_name\n    term_frequency: true\n");
        var other = configReading(dir, yaml);
        var e = assertThrows(BaselineUnsupportedConfig.class, () -> Baseline.run(other, null));
        assertTrue(e.getMessage().startsWith("comparisons[1].term_frequency"), e.getMessage());
    }

    @Test
    void soundexAndSubstringAreSparks() {
        for (String s : List.of("", "robert", "Rupert", "o brien", "ashcraft", "tymczak", "pfister", "van gogh",
                "ab-b", "bh b", "1abc", "éclair", "müller", "lloyd", "wh")) {
            assertEquals(UTF8String.fromString(s).soundex().toString(), BaselineText.soundex(s), s);
            for (int pos : new int[]{-3, 0, 1, 2, 5}) {
                for (int len : new int[]{0, 1, 3, 100}) {
                    assertEquals(UTF8String.fromString(s).substringSQL(pos, len).toString(),
                            BaselineText.substring(s, pos, len), s + " " + pos + " " + len);
                }
            }
        }
    }
}
