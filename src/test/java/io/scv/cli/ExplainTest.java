package io.scv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scv.config.ConfigLoader;
import io.scv.config.PrivacySettings;
import io.scv.config.ScvConfig;
import io.scv.publish.RecordTokens;
import io.scv.publish.Tables;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code scv explain} on a run of seven records. Anna's four records are one customer: AN-1 and AN-2 agree on
 * everything, AN-3 shares their phone (a triangle, no bridge), and AN-4 hangs on AN-3 alone by email, surname and
 * birthday: that pair scores higher than AN-1~AN-3 but is the only bridge, so it is the weakest link. Eve's two
 * records match; Max Moss shares only her surname and birthday, so each of Eve's records and his is a review pair.
 * Anna and Eve share no blocking key. Evidence names records by token, which explain maps back to record keys.
 *
 * <pre>
 *   prior log2(0.001 / 0.999) = -9.96
 *   AN-1~AN-2  email +18  phone +16  surname_dob +14  first_name +3   41.04  match
 *   AN-1~AN-3  email  -2  phone +16  surname_dob   0  first_name +3    7.04  match (and AN-2~AN-3)
 *   AN-3~AN-4  email +18  phone  -1  surname_dob +14  first_name +3   24.04  match, the bridge
 *   EV-1~MO-1  email  -2  phone  -1  surname_dob +14  first_name -3   -1.96  review (p 0.20)
 *   AN-1~EV-1  email  -2  phone  -1  surname_dob   0  first_name -3  -15.96  never paired
 * </pre>
 */
class ExplainTest {
    static final String CSV = """
            contact_id,first_name,last_name,dob,email,phone
            AN-1,Anna,Lee,1985-02-03,anna.lee@example.com,07700 900001
            AN-2,Anna,Lee,1985-02-03,anna.lee@example.com,07700 900001
            AN-3,Anna,Lee,1991-01-01,a.lee@example.org,07700 900001
            AN-4,Anna,Lee,1991-01-01,a.lee@example.org,07700 900044
            EV-1,Eve,Moss,1970-11-12,eve.moss@example.com,07700 900004
            EV-2,Eve,Moss,1970-11-12,eve.moss@example.com,07700 900005
            MO-1,Max,Moss,1970-11-12,max.moss@example.com,07700 900006
            """;
    static final String CONFIG = """
            run: {name: explain-test, warehouse: warehouse, default_country: GB}
            spark: {spark.sql.shuffle.partitions: 2}
            sources:
              - name: crm
                kind: crm
                path: crm.csv
                id_column: contact_id
                columns: {first_name: first_name, last_name: last_name, dob: dob, email: email, phone: phone}
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
                levels: [{label: exact, method: exact, weight: 18}, {label: else, method: else, weight: -2}]
              - name: phone
                field: phone
                levels: [{label: exact, method: exact, weight: 16}, {label: else, method: else, weight: -1}]
              - name: surname_dob
                field: last_name
                levels:
                  - {label: "same surname and birthday", method: sql, sql: "l.last_name = r.last_name AND l.dob = r.dob", weight: 14}
                  - {label: else, method: else, weight: 0}
              - name: first_name
                field: first_name
                levels: [{label: exact, method: exact, weight: 3}, {label: else, method: else, weight: -3}]
            scoring: {prior_match_probability: 0.001, match_threshold: 0.6, review_threshold: 0.1}
            golden: {source_priority: [crm], default_rule: most_complete}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static String warehouse;
    private static Map<String, String> customerOf;
    /** match_evidence as published, tokens turned back into record keys: "l~r" → row. */
    private static Map<String, Row> evidence;
    private static String annaText;
    private static JsonNode annaJson;

    @BeforeAll
    static void runTheJobAndExplainAnna() throws IOException {
        spark = SparkTestSession.get();
        Files.writeString(dir.resolve("crm.csv"), CSV);
        Files.writeString(dir.resolve("scv.yaml"), CONFIG);
        warehouse = dir.resolve("warehouse").toString();
        ScvConfig config = ConfigLoader.load(dir.resolve("scv.yaml")).withWarehouse(warehouse)
                .withPrivacy(new PrivacySettings(true, "SCV_TOKEN_SALT", "a secret of sixteen or more"));
        new ScvJob(spark).run(config);
        customerOf = new HashMap<>();
        var keyOfToken = new HashMap<String, String>();
        for (Row r : table(Tables.CUSTOMER_XREF).select("record_key", "customer_id", RecordTokens.COLUMN)
                .collectAsList()) {
            customerOf.put(r.getString(0), r.getString(1));
            keyOfToken.put(r.getString(2), r.getString(0));
        }
        evidence = new HashMap<>();
        for (Row r : table(Tables.MATCH_EVIDENCE).collectAsList()) {
            evidence.put(keyOfToken.get(r.<String>getAs("l_key")) + "~" + keyOfToken.get(r.<String>getAs("r_key")), r);
        }
        annaText = explain("--customer-id", customerOf.get("crm:AN-1"));
        annaJson = JSON.readTree(explain("--customer-id", customerOf.get("crm:AN-1"), "--json"));
    }

    @Test
    void theFixtureMakesTheCustomersTheTestExplains() {
        assertEquals(customerOf.get("crm:AN-1"), customerOf.get("crm:AN-4"));
        assertEquals(customerOf.get("crm:EV-1"), customerOf.get("crm:EV-2"));
        assertNotEquals(customerOf.get("crm:EV-1"), customerOf.get("crm:MO-1"));
        assertEquals(List.of("crm:AN-1~crm:AN-2", "crm:AN-1~crm:AN-3", "crm:AN-2~crm:AN-3", "crm:AN-3~crm:AN-4",
                "crm:EV-1~crm:EV-2", "crm:EV-1~crm:MO-1", "crm:EV-2~crm:MO-1"),
                evidence.keySet().stream().sorted().toList());
    }

    @Test
    void everyEdgeIsShownWithTheLevelsAndWeightsOfItsEvidenceRow() {
        var edges = annaJson.get("edges");
        assertEquals(4, edges.size(), edges.toString());
        for (JsonNode edge : edges) {
            Row row = evidence.get(edge.get("leftKey").asText() + "~" + edge.get("rightKey").asText());
            assertNotNull(row, "an edge with no evidence row: " + edge);
            List<Row> comparisons = row.getList(row.fieldIndex("comparisons"));
            assertEquals(comparisons.size(), edge.get("comparisons").size());
            for (int i = 0; i < comparisons.size(); i++) {
                JsonNode step = edge.get("comparisons").get(i);
                assertEquals(comparisons.get(i).<String>getAs("name"), step.get("comparison").asText());
                assertEquals(comparisons.get(i).<String>getAs("level"), step.get("level").asText());
                assertEquals(comparisons.get(i).<Double>getAs("weight"), step.get("weight").asDouble());
            }
            assertEquals(row.<Double>getAs("score"), edge.get("score").asDouble());
            assertEquals(row.<Double>getAs("probability"), edge.get("probability").asDouble());
            assertEquals(row.<String>getAs("decision"), edge.get("decision").asText());
            assertEquals(row.getList(row.fieldIndex("rules")), JSON.convertValue(edge.get("rules"), List.class));
            assertTrue(annaText.contains(edge.get("leftKey").asText() + " ~ " + edge.get("rightKey").asText()
                    + "   " + row.getAs("decision")), annaText);
        }
        // the text shows the same levels and weights, in the same order
        Row bridge = evidence.get("crm:AN-3~crm:AN-4");
        String waterfall = annaText.substring(annaText.indexOf("crm:AN-3 ~ crm:AN-4   match"));
        int at = 0;
        for (Row c : bridge.<Row>getList(bridge.fieldIndex("comparisons"))) {
            String line = String.format(Locale.ROOT, "%s  ", c.<String>getAs("name"));
            at = waterfall.indexOf(line, at);
            assertTrue(at > 0, c + " not in " + waterfall);
            String rest = waterfall.substring(at, waterfall.indexOf('\n', at));
            assertTrue(rest.contains(c.<String>getAs("level")) && rest.contains(String.format(Locale.ROOT, "%+.2f",
                    c.<Double>getAs("weight"))), rest);
        }
        assertTrue(waterfall.contains("score") && waterfall.contains(String.format(Locale.ROOT, "%.2f",
                bridge.<Double>getAs("score"))), waterfall);
    }

    @Test
    void theWaterfallAddsUpFromThePriorToTheScore() {
        double prior = Math.log(0.001 / 0.999) / Math.log(2);
        for (JsonNode edge : annaJson.get("edges")) {
            assertEquals(prior, edge.get("prior").asDouble(), 1e-9, "every pair starts from the config's prior");
            double total = edge.get("prior").asDouble();
            for (JsonNode step : edge.get("comparisons")) {
                total += step.get("weight").asDouble();
                assertEquals(total, step.get("total").asDouble(), 1e-9, edge.toString());
            }
            assertEquals(edge.get("score").asDouble(), total, 1e-9, edge.toString());
        }
        assertTrue(annaText.contains(String.format(Locale.ROOT, "%.2f", prior)), annaText);
    }

    @Test
    void theWeakestLinkIsTheOnlyBridgeNotTheLowestScoredMatch() {
        var weakest = annaJson.get("weakestLink");
        assertEquals("crm:AN-3", weakest.get("leftKey").asText());
        assertEquals("crm:AN-4", weakest.get("rightKey").asText());
        assertTrue(weakest.get("bridge").asBoolean());
        assertEquals(List.of(3, 1), JSON.convertValue(weakest.get("partsWithout"), List.class));
        assertEquals(evidence.get("crm:AN-3~crm:AN-4").<Double>getAs("score"), weakest.get("score").asDouble());
        assertEquals("crm:AN-1 ~ crm:AN-3", weakest.get("lowestMatch").asText(), "7.04 < 24.04, but not a bridge");
        assertTrue(annaText.contains("weakest link: crm:AN-3 ~ crm:AN-4, score 24.04"), annaText);
        assertTrue(annaText.contains("falls apart into 3 + 1 records"), annaText);
    }

    @Test
    void recordsLineageAndGoldenValuesWithTheirProvenance() {
        assertEquals(List.of("crm:AN-1", "crm:AN-2", "crm:AN-3", "crm:AN-4"), annaJson.get("records")
                .findValuesAsText("recordKey"));
        assertEquals("created", annaJson.get("lineage").get(0).get("event").asText());
        var customer = table(Tables.CUSTOMER).filter(org.apache.spark.sql.functions.col("customer_id")
                .equalTo(customerOf.get("crm:AN-1"))).first();
        var golden = new HashMap<String, JsonNode>();
        annaJson.get("golden").forEach(g -> golden.put(g.get("field").asText(), g));
        for (String field : List.of("first_name", "email", "phone", "dob")) {
            assertEquals(String.valueOf(customer.<Object>getAs(field)), golden.get(field).get("value").asText());
            assertEquals(customer.<String>getAs(field + "_source"), golden.get(field).get("sourceRecord").asText());
            assertTrue(annaText.contains(golden.get(field).get("value").asText() + "  <- "
                    + customer.<String>getAs(field + "_source")), annaText);
        }
    }

    @Test
    void eveShowsTheReviewPairsWithMaxsCustomer() throws IOException {
        var eve = JSON.readTree(explain("--customer-id", customerOf.get("crm:EV-1"), "--json"));
        var others = new ArrayList<String>();
        for (JsonNode e : eve.get("otherCustomers")) {
            others.add(e.get("leftKey").asText() + "~" + e.get("rightKey").asText() + " " + e.get("decision").asText()
                    + " " + e.get("rightCustomer").asText());
        }
        String max = customerOf.get("crm:MO-1");
        assertEquals(List.of("crm:EV-1~crm:MO-1 review " + max, "crm:EV-2~crm:MO-1 review " + max), others);
    }

    @Test
    void twoRecordsThatNeverMetAreExplainedByTheirBlockingKeysAndTheScoreTheyWouldHaveHad() throws IOException {
        // given in either order; one JSON call, since each re-reads the sources
        var json = JSON.readTree(explain("--records", "crm:EV-1,crm:AN-1", "--config",
                dir.resolve("scv.yaml").toString(), "--json"));
        assertEquals("crm:AN-1", json.get("leftKey").asText());
        assertEquals("not a candidate pair", json.get("verdict").asText());
        String reasons = json.get("reasons").toString();
        assertTrue(reasons.contains("no blocking rule gives both records the same key"), reasons);
        assertTrue(reasons.contains("below the review threshold 0.1"), reasons);
        assertTrue(reasons.contains("different customers"), reasons);
        assertTrue(json.get("evidence").isNull());
        var email = json.get("blocking").get(0);
        assertEquals("email", email.get("rule").asText());
        assertEquals("anna.lee@example.com", email.get("leftKeys").get(0).asText());
        assertEquals("eve.moss@example.com", email.get("rightKeys").get(0).asText());
        assertFalse(email.get("pairs").asBoolean());
        var rescored = json.get("rescored");
        assertEquals(List.of(-2.0, -1.0, 0.0, -3.0), rescored.get("comparisons").findValues("weight").stream()
                .map(JsonNode::asDouble).toList());
        assertEquals(Math.log(0.001 / 0.999) / Math.log(2) - 6, rescored.get("score").asDouble(), 1e-9);
        assertEquals(Explanation.BELOW_REVIEW, rescored.get("decision").asText());
    }

    @Test
    void aPairWithEvidenceShowsItsRowAndWhyItIsNotAMatch() throws IOException {
        String text = explain("--records", "crm:MO-1,crm:EV-1", "--config", dir.resolve("scv.yaml").toString());
        assertTrue(text.contains("verdict: review"), text);
        assertTrue(text.contains("at or above the review threshold 0.1 and below the match threshold 0.6"), text);
        assertTrue(text.contains("crm:EV-1 ~ crm:MO-1   review   rules: surname_dob"), text);
        String chain = explain("--records", "crm:AN-1,crm:AN-4");
        assertTrue(chain.contains("verdict: no evidence"), chain);
        assertTrue(chain.contains("both are customer " + customerOf.get("crm:AN-1") + " through other records"),
                chain);
    }

    @Test
    void anUnknownCustomerIsAUsageError() {
        var e = assertThrows(UsageException.class, () -> explain("--customer-id", "scv-nobody"));
        assertTrue(e.getMessage().contains("scv-nobody is not in the customer_xref"), e.getMessage());
    }

    private static String explain(String... args) {
        var argv = new ArrayList<>(List.of("--warehouse", warehouse));
        argv.addAll(List.of(args));
        var out = new ByteArrayOutputStream();
        assertEquals(0, ExplainCommand.run(spark, ExplainCommand.args(argv), new PrintStream(out, true,
                StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static org.apache.spark.sql.Dataset<Row> table(String name) {
        return spark.read().format("delta").load(Tables.path(warehouse, name));
    }
}
