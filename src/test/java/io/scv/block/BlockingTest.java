package io.scv.block;

import io.scv.config.BlockingRule;
import io.scv.testing.SparkTestSession;
import io.scv.testing.TestConfigs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class BlockingTest {
    private static Dataset<Row> records(String... json) {
        var spark = SparkTestSession.get();
        return spark.read().option("allowUnquotedFieldNames", "true").schema("record_key string, source string, email string, phone string, "
                + "last_name string, postcode string, esp_record_ids array<string>")
                .json(spark.createDataset(List.of(json), Encoders.STRING()));
    }

    private static List<String> pairs(BlockingResult r) {
        return r.pairs().collectAsList().stream()
                .map(row -> row.getString(0) + "|" + row.getString(1) + "|" + row.getList(2))
                .sorted().collect(Collectors.toList());
    }

    @Test
    void recordsSharingAKeyArePairedOnceWithEveryRuleThatFoundThem() {
        var df = records(
                "{record_key:'a:1', source:'a', email:'x@y.com', phone:'+441', last_name:'lee', postcode:'N1 1AA'}",
                "{record_key:'b:1', source:'b', email:'x@y.com', phone:'+441', last_name:'lee', postcode:'N1 1AA'}",
                "{record_key:'b:2', source:'b', email:'z@y.com', phone:null, last_name:'lee', postcode:'E2 2BB'}");
        var config = TestConfigs.of(List.of(), TestConfigs.blocking(100, 1000,
                new BlockingRule("email", List.of("email")), new BlockingRule("phone", List.of("phone")),
                new BlockingRule("surname_postcode", List.of("soundex(last_name)", "postcode"))), List.of(),
                TestConfigs.scoring(), null);
        var result = Blocking.run(df, config);
        assertEquals(List.of("a:1|b:1|[email, phone, surname_postcode]"), pairs(result));
        assertEquals(1, result.candidatePairs());
        assertEquals(List.of(1L, 1L, 1L), result.perRule().stream().map(RuleCount::pairs).toList());
    }

    @Test
    void nullKeysNeverPair() {
        var df = records("{record_key:'a:1', source:'a', phone:null}", "{record_key:'a:2', source:'a', phone:null}",
                "{record_key:'a:3', source:'a', phone:''}", "{record_key:'a:4', source:'a', phone:''}");
        var config = TestConfigs.of(List.of(), TestConfigs.blocking(100, 1000,
                new BlockingRule("phone", List.of("phone"))), List.of(), TestConfigs.scoring(), null);
        assertEquals(0, Blocking.run(df, config).candidatePairs());
    }

    @Test
    void arrayKeysAreExplodedSoOneSharedValueIsEnough() {
        var df = records("{record_key:'c:1', source:'c', esp_record_ids:['e1']}",
                "{record_key:'w:1', source:'w', esp_record_ids:['e9','e1']}",
                "{record_key:'w:2', source:'w', esp_record_ids:[]}");
        var config = TestConfigs.of(List.of(), TestConfigs.blocking(100, 1000,
                new BlockingRule("esp", List.of("esp_record_ids"))), List.of(), TestConfigs.scoring(), null);
        assertEquals(List.of("c:1|w:1|[esp]"), pairs(Blocking.run(df, config)));
    }

    @Test
    void aHotKeyAboveTheCapIsSkippedAndReported() {
        var many = new String[30];
        for (int i = 0; i < many.length; i++) {
            many[i] = "{record_key:'a:" + i + "', source:'a', phone:'+440000000000', email:'p" + (i % 2) + "@x.com'}";
        }
        var config = TestConfigs.of(List.of(), TestConfigs.blocking(10, 1000,
                new BlockingRule("phone", List.of("phone")), new BlockingRule("email", List.of("email"))), List.of(),
                TestConfigs.scoring(), null);
        var result = Blocking.run(records(many), config);
        assertEquals(List.of("phone", "email", "email"), result.hotKeys().stream().map(HotKey::rule).toList());
        assertEquals(List.of(30L, 15L, 15L), result.hotKeys().stream().map(HotKey::records).toList());
        assertTrue(result.hotKeys().get(0).fingerprint().matches("[0-9a-f]{12}"), "the report shows a hash, not the value");
        assertEquals(0, result.perRule().get(0).pairs());
        assertEquals(2, result.perRule().get(1).hotKeys(), "both 15-record email blocks exceed the cap of 10");
        assertEquals(0, result.candidatePairs());
    }

    @Test
    void aPhoneSharedBy50000RecordsIsCappedAndReportedInsteadOfSquared() {
        // a placeholder phone that slipped past the deny list: 50,000 records would make 1.25 billion pairs.
        // The same records also pair by email in twos, which must still work.
        var spark = SparkTestSession.get();
        var df = spark.range(50_000).selectExpr("concat('a:', id) as record_key", "'a' as source",
                "concat('p', cast(id div 2 as string), '@x.com') as email", "'+447700900000' as phone",
                "cast(null as string) as last_name", "cast(null as string) as postcode",
                "cast(null as array<string>) as esp_record_ids");
        var config = TestConfigs.of(List.of(), TestConfigs.blocking(1000, 1_000_000,
                new BlockingRule("phone", List.of("phone")), new BlockingRule("email", List.of("email"))), List.of(),
                TestConfigs.scoring(), null);
        var result = Blocking.run(df, config);
        assertEquals(1, result.hotKeys().size());
        assertEquals("phone", result.hotKeys().get(0).rule());
        assertEquals(50_000L, result.hotKeys().get(0).records());
        assertEquals(0, result.perRule().get(0).pairs());
        assertEquals(25_000, result.perRule().get(1).pairs());
        assertEquals(25_000, result.candidatePairs());
        assertEquals(25_000, result.pairs().count());
    }

    @Test
    void theRunStopsBeforeJoiningWhenThePairBudgetIsExceeded() {
        var many = new String[20];
        for (int i = 0; i < many.length; i++) {
            many[i] = "{record_key:'a:" + i + "', source:'a', last_name:'smith', postcode:'N1 1AA'}";
        }
        var config = TestConfigs.of(List.of(), TestConfigs.blocking(100, 100,
                new BlockingRule("surname_postcode", List.of("last_name", "postcode"))), List.of(),
                TestConfigs.scoring(), null);
        var e = assertThrows(CandidatePairBudgetExceeded.class, () -> Blocking.run(records(many), config));
        assertTrue(e.getMessage().contains("190 candidate pairs"), e.getMessage());
        assertTrue(e.getMessage().contains("max_candidate_pairs = 100"), e.getMessage());
    }

    @Test
    void pairsInsideADuplicateFreeSourceAreNeitherCountedNorProduced() {
        var df = records("{record_key:'a:1', source:'a', last_name:'lee'}", "{record_key:'a:2', source:'a', last_name:'lee'}",
                "{record_key:'b:1', source:'b', last_name:'lee'}");
        var dedupFree = new io.scv.config.SourceConfig("a", io.scv.config.SourceKind.GENERIC,
                new io.scv.config.InputFile("a.csv", "csv", java.util.Map.of()), "id", java.util.Map.of(), null, null,
                false, "GB");
        var config = TestConfigs.of(List.of(dedupFree), TestConfigs.blocking(100, 1000,
                new BlockingRule("surname", List.of("last_name"))), List.of(), TestConfigs.scoring(), null);
        var result = Blocking.run(df, config);
        assertEquals(List.of("a:1|b:1|[surname]", "a:2|b:1|[surname]"), pairs(result));
        assertEquals(2, result.perRule().get(0).pairs(), "a:1-a:2 is not counted against the budget");
    }

    @Test
    void pairsInsideEachOfTwoDuplicateFreeSourcesAreLeftOutOfTheCount() {
        // one block of five: a (2 records) and c (2) are not linked within, b (1) is; C(5,2) = 10 less a-a and c-c
        var df = records("{record_key:'a:1', source:'a', last_name:'lee'}", "{record_key:'a:2', source:'a', last_name:'lee'}",
                "{record_key:'b:1', source:'b', last_name:'lee'}", "{record_key:'c:1', source:'c', last_name:'lee'}",
                "{record_key:'c:2', source:'c', last_name:'lee'}");
        var sources = java.util.stream.Stream.of("a", "c").map(name -> new io.scv.config.SourceConfig(name,
                io.scv.config.SourceKind.GENERIC, new io.scv.config.InputFile(name + ".csv", "csv", java.util.Map.of()),
                "id", java.util.Map.<String, io.scv.config.FieldMapping>of(), null, null, false, "GB")).toList();
        var config = TestConfigs.of(sources, TestConfigs.blocking(100, 1000,
                new BlockingRule("surname", List.of("last_name"))), List.of(), TestConfigs.scoring(), null);
        var result = Blocking.run(df, config);
        assertEquals(8, result.candidatePairs());
        assertEquals(8, result.perRule().get(0).pairs(), "the count of the budget matches the pairs formed");
        assertTrue(pairs(result).stream().noneMatch(p -> p.startsWith("a:1|a:2") || p.startsWith("c:1|c:2")));
    }
}
