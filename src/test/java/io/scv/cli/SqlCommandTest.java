package io.scv.cli;

import io.scv.catalog.Catalogue;
import io.scv.catalog.ThreeCustomers;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code scv sql} over {@link ThreeCustomers}: tables by name, a text table, JSON lines, a script file. */
class SqlCommandTest {
    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static String warehouse;

    @BeforeAll
    static void writeTheWarehouse() {
        spark = SparkTestSession.get();
        warehouse = dir.resolve("warehouse").toString();
        ThreeCustomers.write(spark, warehouse);
    }

    @AfterAll
    static void dropTheDatabase() {
        spark.sql("DROP DATABASE IF EXISTS " + Catalogue.DATABASE + " CASCADE");
    }

    private static String sql(String... argv) throws Exception {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(0, SqlCommand.run(spark, SqlCommand.args(List.of(argv)), null, out));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsAResultAsAnAlignedTable() throws Exception {
        String text = sql("--warehouse", warehouse, "--query",
                "SELECT customer_id, record_count, sources FROM scv.customer ORDER BY customer_id;");
        assertEquals("""
                customer_id | record_count | sources
                ----------- | ------------ | ----------
                c1          | 3            | [crm, erp]
                c2          | 1            | [web]
                c3          | 1            | [erp]
                (3 rows)
                """, text);
    }

    @Test
    void jsonKeepsNumbersAndNullsAndSaysNothingElse() throws Exception {
        String json = sql("--warehouse", warehouse, "--json", "--query",
                "SELECT customer_id, record_count, full_name FROM scv.customer WHERE customer_id <> 'c3' "
                        + "ORDER BY customer_id");
        assertEquals("""
                {"customer_id":"c1","record_count":3,"full_name":"Ann Lee"}
                {"customer_id":"c2","record_count":1,"full_name":null}
                """, json);
    }

    @Test
    void aScriptRunsEachStatementAndTheLimitSaysWhenRowsAreLeftOut() throws Exception {
        Path script = dir.resolve("q.sql");
        Files.writeString(script, """
                -- two statements; the ';' in the literal is not an end
                SELECT count(*) AS n FROM scv.customer WHERE full_name <> 'a;b';
                SELECT channel FROM scv.marketing_audience
                ORDER BY channel;
                """);
        String text = sql("--warehouse", warehouse, "--file", script.toString(), "--limit", "1");
        assertTrue(text.contains("n\n-\n2\n(1 row)\n"), text);
        assertTrue(text.contains("channel\n-------\nemail\n(first 1 rows; --limit N shows more)\n"), text);
    }

    @Test
    void wrongUsageNamesTheProblem() {
        var e = assertThrows(UsageException.class, () -> sql("--warehouse", warehouse));
        assertTrue(e.getMessage().contains("exactly one of --query and --file"), e.getMessage());
        e = assertThrows(UsageException.class, () -> sql("--warehouse", warehouse, "--query", "SELECT 1",
                "--limit", "-3"));
        assertTrue(e.getMessage().contains("--limit must be"), e.getMessage());
    }
}
