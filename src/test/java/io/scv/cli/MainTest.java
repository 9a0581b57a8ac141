package io.scv.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[]{"run", "validate", "generate-sample", "evaluate", "explain", "bench"}) {
            out.reset();
            assertEquals(0, run(command, "--help"), command);
            assertTrue(stdout().contains("scv " + command), stdout());
        }
        out.reset();
        assertEquals(0, run("--help"));
        assertTrue(stdout().contains("generate-sample"));
    }

    @Test
    void unknownSubcommandsAndOptionsAreUsageErrors() {
        assertEquals(2, run("frobnicate"));
        assertTrue(stderr().contains("unknown subcommand 'frobnicate'"), stderr());
        err.reset();
        assertEquals(2, run("validate", "--confg", "x.yaml"));
        assertTrue(stderr().contains("unknown argument '--confg'"), stderr());
        err.reset();
        assertEquals(2, run("validate"));
        assertTrue(stderr().contains("--config is required"), stderr());
        err.reset();
        assertEquals(2, run("bench", "--records", "ten"));
        assertTrue(stderr().contains("--records must be a whole count such as 2500, 100k, 1M or 10M, was: 'ten'"),
                stderr());
    }

    @Test
    void validateReportsAMisspelledComparatorAMissingColumnAndAMissingFileTogether(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("crm.csv"), "id,given,surname\n1,Ann,Lee\n");
        Files.writeString(dir.resolve("bad.yaml"), """
                sources:
                  - name: crm
                    path: crm.csv
                    id_column: id
                    columns: {first_name: givn, last_name: surname}
                  - name: erp
                    path: erp-missing.csv
                    id_column: customer_no
                    columns: {last_name: name}
                blocking:
                  rules: [{name: surname, keys: [soundex(last_name)]}]
                comparisons:
                  - name: first_name
                    field: first_name
                    levels: [{method: jarowinkler, threshold: 0.9, weight: 4}, {method: else, weight: -2}]
                """);
        assertEquals(3, run("validate", "--config", dir.resolve("bad.yaml").toString()));
        String e = stderr();
        assertTrue(e.contains("comparisons[0].levels[0].method: unknown method 'jarowinkler'; allowed: "), e);
        assertTrue(e.contains("sources[0].columns.first_name: column 'givn' not found in crm.csv"), e);
        assertTrue(e.contains("sources[1].path: file not found: 'erp-missing.csv'"), e);
        assertFalse(e.contains("\tat "), "a config error is a message, not a stack trace: " + e);
    }

    @Test
    void validateAcceptsTheShippedConfig() {
        assertEquals(0, run("validate", "--config", "conf/scv.yaml"));
        assertTrue(stdout().contains("is valid: 3 sources"), stdout());
    }

    @Test
    void generateSampleWritesTheExtractsAndTruth(@TempDir Path dir) {
        assertEquals(0, run("generate-sample", "--customers", "50", "--seed", "3", "--out", dir.toString()));
        for (String f : new String[]{"crm_contacts.csv", "erp_customers.csv", "erp_orders.csv",
                "clickstream_events.jsonl", "truth.csv", "truth_hazards.csv"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        err.reset();
        assertEquals(2, run("generate-sample", "--customers", "many", "--out", dir.toString()));
        assertTrue(stderr().contains("--customers must be a whole number, was: 'many'"), stderr());
    }

    @Test
    void evaluateWithoutARunSaysSo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("truth.csv"), "source,source_id,entity_id\n");
        assertEquals(2, run("evaluate", "--warehouse", dir.resolve("wh").toString(), "--truth",
                dir.resolve("truth.csv").toString()));
        assertTrue(stderr().contains("no customer_xref Delta table"), stderr());
    }

    @Test
    void explainWithoutARunOrWithBothSubjectsSaysSo(@TempDir Path dir) {
        assertEquals(2, run("explain", "--warehouse", dir.toString(), "--customer-id", "scv-1"));
        assertTrue(stderr().contains("no customer_xref Delta table"), stderr());
        err.reset();
        assertEquals(2, run("explain", "--customer-id", "scv-1"));
        assertTrue(stderr().contains("give --warehouse, --config or both"), stderr());
        err.reset();
        assertEquals(2, run("explain", "--customer-id", "scv-1", "--records", "crm:1,erp:2"));
        assertTrue(stderr().contains("give exactly one of --customer-id and --records"), stderr());
        err.reset();
        assertEquals(2, run("explain", "--records", "crm:1"));
        assertTrue(stderr().contains("--records takes two record keys separated by a comma, was: 'crm:1'"),
                stderr());
    }
}
