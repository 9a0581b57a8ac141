package io.scv.bench;

import io.scv.block.Blocking;
import io.scv.block.RuleCount;
import io.scv.cli.ScvJob;
import io.scv.compare.Scoring;
import io.scv.config.BlockingSettings;
import io.scv.config.ConfigLoader;
import io.scv.config.ScvConfig;
import io.scv.config.SparkStrings;
import io.scv.sample.SampleGenerator;
import io.scv.sample.SampleOptions;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The single-JVM baseline against the job itself on one generated population (400 customers, broken rows
 * included): it must do the job's work, so it must read the job's records, form exactly its candidate pairs and
 * find exactly its matches, pair by pair, not only as many. No tolerance: the baseline reads, standardises, keys
 * and scores with the job's own functions and Spark's string semantics, so any difference is a bug in one of them.
 *
 * <p>The job's side runs the stages {@code ScvJob.run} runs for this work: ingest and standardisation
 * ({@link ScvJob#prepareRecords}), {@link Blocking}, and {@link Scoring} with the run's match decision. Not the whole
 * {@code ScvJob.run}: what it adds (connected components in GraphX, cluster rules, customer IDs, golden records,
 * publishing to Delta) the baseline does not do or does in a few lines, and it costs about three minutes in a cold
 * test JVM on two shared cores, against the 90 s this test may take.
 */
class BaselineTest {
    private static final int CUSTOMERS = 400;
    private static final long SEED = 11;
    private static final int SMALL_BLOCKS = 2;

    @TempDir
    static Path dir;
    private static ScvConfig config;
    private static Baseline.Run baseline;
    private static long jobRecords;
    private static Set<String> jobPairs;
    private static Set<String> jobMatches;
    private static List<RuleCount> jobPerRule;
    /** The config with blocks capped at {@value #SMALL_BLOCKS} records, so that rules have hot keys. */
    private static ScvConfig smallBlocks;
    private static List<RuleCount> jobPerRuleWithSmallBlocks;

    @BeforeAll
    static void runTheBaselineAndTheJobOnOnePopulation() throws IOException {
        new SampleGenerator(SampleOptions.defaults(CUSTOMERS, SEED)).writeTo(dir, true);
        config = configReading(dir, Files.readString(Path.of("conf/scv.yaml")));
        baseline = Baseline.execute(config, dir.resolve("truth.csv"));

        Dataset<Row> records = new ScvJob(SparkTestSession.get()).prepareRecords(config).cache();
        jobRecords = records.count();
        var blocked = Blocking.run(records, config);
        jobPairs = keys(blocked.pairs());
        jobPerRule = blocked.perRule();
        var b = config.blocking();
        smallBlocks = config.withBlocking(new BlockingSettings(SMALL_BLOCKS, b.maxCandidatePairs(), b.rules()));
        jobPerRuleWithSmallBlocks = Blocking.pairCounts(records, smallBlocks);
        // ScvJob's decision: a match is at or above the review threshold (kept as evidence) and the match threshold
        var probability = col("probability");
        jobMatches = keys(Scoring.run(blocked.pairs(), records, config)
                .filter(probability.geq(config.scoring().reviewThreshold())
                        .and(probability.geq(config.scoring().matchThreshold()))));
        assertEquals(blocked.candidatePairs(), jobPairs.size());
    }

    /** conf/scv.yaml (or a variant of its text) with its inputs in {@code folder}. */
    private static ScvConfig configReading(Path folder, String yaml) throws IOException {
        Path file = folder.resolve("scv-" + Integer.toHexString(yaml.hashCode()) + ".yaml");
        Files.writeString(file, yaml.replace("../sample-data/", ""));
        return ConfigLoader.load(file).withWarehouse(folder.resolve("warehouse").toString());
    }

    /** Pairs as {@code l_key r_key}, the lower record key first. */
    private static Set<String> keys(Dataset<Row> pairs) {
        return pairs.select("l_key", "r_key").collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.getString(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The baseline's pairs with the given decision (all without one), as {@link #keys(Dataset)} writes them. */
    private static Set<String> baselinePairs(byte... decisions) {
        String[] key = baseline.records().text("record_key");
        long[] pairs = baseline.pairs().pairs();
        var out = new TreeSet<String>();
        for (int i = 0; i < pairs.length; i++) {
            byte d = baseline.decisions().decisions()[i];
            if (decisions.length > 0 && d != decisions[0]) {
                continue;
            }
            String a = key[BaselineBlocking.left(pairs[i])];
            String b = key[BaselineBlocking.right(pairs[i])];
            out.add(SparkStrings.compare(a, b) < 0 ? a + " " + b : b + " " + a);
        }
        return out;
    }

    /** Record keys only (no personal data): what one side has that the other has not, a few of each. */
    private static String difference(Set<String> job, Set<String> base) {
        var onlyJob = job.stream().filter(p -> !base.contains(p)).limit(5).toList();
        var onlyBaseline = base.stream().filter(p -> !job.contains(p)).limit(5).toList();
        return "only the job's: " + onlyJob + "; only the baseline's: " + onlyBaseline;
    }

    @Test
    void readsTheRecordsTheJobMatches() {
        assertEquals(jobRecords, baseline.result().records());
    }

    @Test
    void formsExactlyTheJobsCandidatePairs() {
        var base = baselinePairs();
        assertEquals(jobPairs.size(), baseline.result().candidatePairs());
        assertEquals(jobPairs, base, () -> difference(jobPairs, base));
    }

    @Test
    void countsKeysPairsAndHotKeysPerRuleAsTheJob() {
        assertEquals(jobPerRule, baseline.pairs().perRule());
        assertTrue(jobPerRule.stream().allMatch(r -> r.hotKeys() == 0), "the default cap skips nothing here");
    }

    @Test
    void skipsTheJobsHotKeys() {
        assertTrue(jobPerRuleWithSmallBlocks.stream().filter(r -> r.hotKeys() > 0).count() >= 3,
                jobPerRuleWithSmallBlocks::toString);
        assertEquals(jobPerRuleWithSmallBlocks, Baseline.execute(smallBlocks, null).pairs().perRule());
    }

    @Test
    void findsExactlyTheJobsMatches() {
        var base = baselinePairs(BaselineScoring.MATCH);
        assertEquals(jobMatches.size(), baseline.result().matchedPairs());
        assertEquals(jobMatches, base, () -> difference(jobMatches, base));
    }

    /** The job's matches as a graph: its connected components, counted here, singletons included. */
    @Test
    void joinsTheMatchesIntoConnectedComponents() {
        var parent = new HashMap<String, String>();
        for (String pair : jobMatches) {
            String[] ends = pair.split(" ");
            parent.put(root(parent, ends[0]), root(parent, ends[1]));
        }
        long joined = parent.keySet().stream().filter(k -> !root(parent, k).equals(k)).count();
        assertEquals(jobRecords - joined, baseline.result().clusters());
    }

    private static String root(Map<String, String> parent, String key) {
        String r = key;
        while (parent.containsKey(r) && !parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        return r;
    }

    @Test
    void clustersTheGeneratedPopulationWellAgainstItsTruth() {
        assertTrue(baseline.result().pairwiseF1() > 0.9, "pairwise F1 " + baseline.result().pairwiseF1());
    }

    @Test
    void timesEveryStageInOrderAndSeesTheHeap() {
        var result = baseline.result();
        assertEquals(List.of("read", "standardize", "block", "score", "cluster"),
                List.copyOf(result.stageSeconds().keySet()));
        double stages = result.stageSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(result.totalSeconds() >= stages, result.totalSeconds() + " < " + stages);
        assertTrue(result.peakHeapBytes() > 0);
    }

    @Test
    void leavesOutF1WithoutATruthFile() {
        var again = Baseline.run(config, null);
        assertNull(again.pairwiseF1());
        assertEquals(baseline.result().matchedPairs(), again.matchedPairs());
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
