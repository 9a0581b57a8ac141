package io.scv.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private String minimalConfig(String sourcePath, String column, String method) {
        return """
                sources:
                  - name: crm
                    path: %s
                    id_column: id
                    columns: {first_name: %s, last_name: surname}
                blocking:
                  rules:
                    - {name: surname, keys: [soundex(last_name)]}
                comparisons:
                  - name: first_name
                    field: first_name
                    levels:
                      - {label: exact, method: %s, weight: 5}
                      - {label: else, method: else, weight: -3}
                """.formatted(sourcePath, column, method);
    }

    @Test
    void aValidConfigLoadsWithDefaults() throws IOException {
        write("crm.csv", "id,given,surname\n1,Ann,Lee\n");
        ScvConfig c = ConfigLoader.load(write("ok.yaml", minimalConfig("crm.csv", "given", "exact")));
        assertEquals(1, c.sources().size());
        assertEquals(dir.resolve("crm.csv").toString(), c.sources().get(0).input().path());
        assertEquals("csv", c.sources().get(0).input().format());
        assertEquals(5.0, c.comparisons().get(0).levels().get(0).weight());
        assertEquals("warehouse", c.run().warehouse());
        assertEquals(0.9, c.scoring().matchThreshold());
    }

    @Test
    void misspelledComparatorMissingColumnAndMissingFileAreAllReportedWithTheirPaths() throws IOException {
        write("crm.csv", "id,given,surname\n1,Ann,Lee\n");
        String text = minimalConfig("crm.csv", "givn", "jaro_winklr").replace("sources:\n", """
                sources:
                  - name: erp
                    path: no-such-file.csv
                    id_column: id
                    columns: {last_name: name}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(write("bad.yaml", text)));
        String msg = e.getMessage();
        assertTrue(msg.contains("comparisons[0].levels[0].method: unknown method 'jaro_winklr'"), msg);
        assertTrue(msg.contains("jaro_winkler"), "lists the allowed methods: " + msg);
        assertTrue(msg.contains("sources[1].columns.first_name: column 'givn' not found"), msg);
        assertTrue(msg.contains("sources[0].path: file not found: 'no-such-file.csv'"), msg);
        assertEquals(3, e.problems().size(), msg);
    }

    @Test
    void thresholdsOutsideZeroToOneAndUnknownKeysAreRejected() throws IOException {
        write("crm.csv", "id,given,surname\n1,Ann,Lee\n");
        String text = minimalConfig("crm.csv", "given", "exact")
                + "scoring: {match_threshold: 1.5}\nclusterr: {}\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(write("t.yaml", text)));
        assertTrue(e.getMessage().contains("scoring.match_threshold: must be between 0 and 1, was: 1.5"),
                e.getMessage());
        assertTrue(e.getMessage().contains("clusterr: unknown key"), e.getMessage());
    }

    @Test
    void clusterRulesNameMappedFieldsAndASizeLimit() throws IOException {
        write("crm.csv", "id,given,surname,email,nid\n1,Ann,Lee,a@b.org,X1\n");
        String base = minimalConfig("crm.csv", "given", "exact").replace("columns: {first_name: given",
                "columns: {email: email, national_id: nid, first_name: given");
        var config = ConfigLoader.load(write("c.yaml", base
                + "cluster: {max_cluster_size: 30, cannot_link: [national_id, email_kind]}\n"));
        assertEquals(30, config.cluster().maxClusterSize());
        assertEquals(List.of("national_id", "email_kind"), config.cluster().cannotLinkFields());
        assertEquals(ClusterSettings.DEFAULT_MAX_CLUSTER_SIZE,
                ConfigLoader.load(write("d.yaml", base)).cluster().maxClusterSize());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(write("e.yaml", base
                + "cluster: {max_cluster_size: -1, cannot_link: [passport]}\n")));
        assertTrue(e.getMessage().contains("cluster.max_cluster_size: must be between 0 and 1000000, was: -1"),
                e.getMessage());
        assertTrue(e.getMessage().contains("cluster.cannot_link[0]: field 'passport' is not mapped by any source"),
                e.getMessage());
    }

    @Test
    void theDriverEdgeLimitFollowsTheHeapUnlessANumberIsGiven() throws IOException {
        write("crm.csv", "id,given,surname\n1,Ann,Lee\n");
        String base = minimalConfig("crm.csv", "given", "exact");
        long gib = 1L << 30;
        var auto = ConfigLoader.load(write("a.yaml", base)).cluster();
        assertEquals(ClusterSettings.DRIVER_EDGES_AUTO, auto.driverMaxEdges());
        assertEquals(16 * gib / 4 / ClusterSettings.DRIVER_BYTES_PER_EDGE, auto.driverEdgeLimit(16 * gib),
                "a quarter of a 16 GiB heap");
        assertEquals(2_684_354, auto.driverEdgeLimit(gib), "a quarter of 1 GiB at 100 bytes an edge");
        assertEquals(ClusterSettings.DRIVER_AUTO_MAX_EDGES, auto.driverEdgeLimit(1024 * gib), "capped");
        var said = ConfigLoader.load(write("b.yaml", base + "cluster: {driver_max_edges: auto}\n")).cluster();
        assertEquals(auto.driverEdgeLimit(gib), said.driverEdgeLimit(gib));
        var fixed = ConfigLoader.load(write("c.yaml", base + "cluster: {driver_max_edges: 1000}\n")).cluster();
        assertEquals(1000, fixed.driverEdgeLimit(16 * gib));
        assertEquals(0, ConfigLoader.load(write("d.yaml", base + "cluster: {driver_max_edges: 0}\n")).cluster()
                .driverEdgeLimit(16 * gib), "0: always the distributed path");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(write("e.yaml", base + "cluster: {driver_max_edges: lots}\n")));
        assertTrue(e.getMessage().contains("cluster.driver_max_edges: must be 'auto' or a number"), e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(write("f.yaml", base + "cluster: {driver_max_edges: -5}\n")));
        assertTrue(e.getMessage().contains("cluster.driver_max_edges: must be between 0 and 100000000"),
                e.getMessage());
    }

    @Test
    void evidenceTokensNeedASecretInTheNamedEnvironmentVariable() throws IOException {
        write("crm.csv", "id,given,surname\n1,Ann,Lee\n");
        String unset = "SCV_TEST_SALT_THAT_IS_NOT_SET";
        assertNull(System.getenv(unset));
        String tokens = minimalConfig("crm.csv", "given", "exact")
                + "privacy: {evidence_record_keys: tokens, token_salt_env: " + unset + "}\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(write("p.yaml", tokens)));
        assertTrue(e.getMessage().contains("privacy.token_salt_env: tokens need a secret of at least 16 characters "
                + "in the environment variable " + unset + ", which is not set"), e.getMessage());
        String wrong = minimalConfig("crm.csv", "given", "exact") + "privacy: {evidence_record_keys: hashed}\n";
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(write("w.yaml", wrong)));
        assertTrue(e.getMessage().contains("privacy.evidence_record_keys: must be plain or tokens, was: 'hashed'"),
                e.getMessage());
        assertFalse(ConfigLoader.load(write("d.yaml", minimalConfig("crm.csv", "given", "exact"))).privacy()
                .evidenceTokens(), "plain record keys unless asked");
    }

    @Test
    void aRuleOnAFieldNoSourceMapsIsRejected() throws IOException {
        write("crm.csv", "id,given,surname\n1,Ann,Lee\n");
        String text = minimalConfig("crm.csv", "given", "exact").replace("soundex(last_name)", "postcode");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(write("r.yaml", text)));
        assertTrue(e.getMessage().contains("blocking.rules[0].keys[0]: field 'postcode'"), e.getMessage());
    }

    @Test
    void sqlLevelsMayOnlyUseMappedFields() throws IOException {
        write("crm.csv", "id,given,surname\n1,Ann,Lee\n");
        String text = minimalConfig("crm.csv", "given", "exact").replace(
                "{label: exact, method: exact, weight: 5}",
                "{label: x, method: sql, sql: \"l.dob = r.dob\", weight: 5}");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(write("s.yaml", text)));
        assertTrue(e.getMessage().contains("comparisons[0].levels[0].sql: field 'dob'"), e.getMessage());
    }

    @Test
    void theShippedConfigIsValid() {
        ScvConfig c = ConfigLoader.load(Path.of("conf/scv.yaml"));
        assertEquals(3, c.sources().size());
        assertTrue(c.scoring().priorWeight() < 0);
    }

    @Test
    void consentTimestampsAreCanonicalFieldsASourceMapsLikeAnyOther() throws IOException {
        write("crm.csv", "id,given,surname,email_opt_in,email_opt_in_date\n1,Ann,Lee,yes,2025-03-01\n");
        String text = minimalConfig("crm.csv", "given", "exact").replace("last_name: surname}",
                "last_name: surname, consent_email: email_opt_in, consent_email_at: email_opt_in_date, "
                        + "consent_sms_at: sms_opt_in_date}");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(write("x.yaml", text)));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("sources[0].columns.consent_sms_at: column 'sms_opt_in_date' not found"),
                e.getMessage());

        ScvConfig c = ConfigLoader.load(write("ok.yaml", text.replace(", consent_sms_at: sms_opt_in_date", "")));
        assertEquals("email_opt_in_date", c.sources().get(0).columns().get("consent_email_at").column());
        assertEquals(CanonicalField.Standardizer.TIMESTAMP,
                CanonicalField.byColumn("consent_email_at").orElseThrow().standardizer());
    }

    @Test
    void expressionMappingsAreParsedAndTheirColumnsChecked() throws IOException {
        write("crm.csv", "id,given,surname,house,road\n1,Ann,Lee,3,High St\n");
        String text = minimalConfig("crm.csv", "given", "exact").replace("last_name: surname}",
                "last_name: surname, street: {expr: \"concat_ws(' ', house, raod)\"}, city: {expr: \"upper(\"}}");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(write("x.yaml", text)));
        assertTrue(e.getMessage().contains("sources[0].columns.street.expr: column 'raod' not found in crm.csv"),
                e.getMessage());
        assertTrue(e.getMessage().contains("sources[0].columns.city.expr: 'upper(' is not a valid Spark SQL expression"),
                e.getMessage());
        assertEquals(2, e.problems().size(), e.getMessage());
    }
}
