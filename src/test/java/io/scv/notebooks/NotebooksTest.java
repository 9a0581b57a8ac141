package io.scv.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scv.testing.SampleWarehouse;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The analyst notebooks under {@code notebooks/} run top to bottom on the sample warehouse, as a person would run
 * them, through Jupyter's own executor ({@code nbclient}, what {@code jupyter nbconvert --execute} uses), the kernel
 * starting its JVM through JPype. That JVM gets this test JVM's classpath ({@code SCV_CLASSPATH}: {@code
 * target/classes} and every dependency), so the test needs no packaged jar and runs in Maven's {@code test} phase,
 * next to the other classes that share the one {@link SampleWarehouse} run.
 * <p>
 * All notebooks, then {@code helper_check.py}, run in one kernel ({@code run_notebooks.py}), its namespace cleared
 * before each: a kernel, a JVM and a Spark session cost 25 to 40 s on two cores, and one kernel per notebook paid
 * that four times more (the class took about 500 s with the sample run, 350 s of it notebooks).
 * <p>
 * Jupyter, JPype and the plotting stack are Debian's packages ({@link #DEBIAN_PACKAGES}); without them the test
 * fails and names them, it never skips.
 */
class NotebooksTest {
    static final String DEBIAN_PACKAGES = "jupyter-nbconvert python3-nbclient python3-ipykernel python3-jpype "
            + "python3-matplotlib python3-pandas python3-nbformat python3-yaml";
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    private static final Path NOTEBOOKS = Path.of("notebooks");
    /** Clears outputs, counts and execution times, and keeps the kernel the notebook asks for. */
    static final String STRIP = "jupyter nbconvert --clear-output --ClearMetadataPreprocessor.enabled=True "
            + "--ClearMetadataPreprocessor.preserve_nb_metadata_mask=\"[('language_info','name'),('kernelspec',)]\" "
            + "--inplace";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An email address in any output but the lookup notebook's one golden row is personal data shown by mistake. */
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");
    private static boolean toolsChecked;
    private static Path executed;

    @Test
    void committedNotebooksCarryNoOutputsOrExecutionCounts() throws IOException {
        for (Path notebook : notebooks()) {
            for (JsonNode cell : JSON.readTree(notebook.toFile()).path("cells")) {
                if (cell.path("cell_type").asText().equals("code")) {
                    String where = notebook.getFileName() + ", cell " + cell.path("id").asText() + ": strip it ("
                            + STRIP + " " + notebook + ")";
                    assertEquals(0, cell.path("outputs").size(), "outputs committed in " + where);
                    assertTrue(cell.path("execution_count").isNull(), "execution count committed in " + where);
                    assertFalse(cell.path("metadata").has("execution"), "execution times committed in " + where);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsTopToBottomAndDrawsItsPlots() throws IOException {
        return notebooks().stream().map(notebook -> DynamicTest.dynamicTest(notebook.getFileName().toString(),
                () -> checkExecuted(notebook, executed().resolve(notebook.getFileName()))));
    }

    @Test
    void theHelperConvertsValuesAndRegistersTheCataloguesNamesInPythonToo() throws Exception {
        var output = new StringBuilder();
        var errors = new ArrayList<String>();
        for (JsonNode cell : JSON.readTree(executed().resolve("helper_check.ipynb").toFile()).path("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                if (out.path("output_type").asText().equals("error")) {
                    errors.add(out.path("ename").asText() + ": " + out.path("evalue").asText());
                }
                output.append(text(out.path("text")));
            }
        }
        assertTrue(errors.isEmpty(), "helper_check.py failed: " + errors);
        String[] lines = output.toString().strip().split("\n");
        JsonNode result = JSON.readTree(lines[lines.length - 1]);
        assertEquals(sorted(result.path("catalogue")), sorted(result.path("python")),
                "the PySpark back end's registration names what Catalogue.register names");
        assertTrue(sorted(result.path("catalogue")).containsAll(List.of("scv.customer", "scv.customer_xref",
                "scv.match_evidence", "scv.source_overlap", "global_temp.customer_changes")), result.toString());
        result.path("rows").fields().forEachRemaining(entry -> assertTrue(entry.getValue().asLong() > 0
                || entry.getKey().startsWith("scv.override") || entry.getKey().contains("erasure"),
                "no rows in " + entry.getKey()));
    }

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            var found = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
            assertFalse(found.isEmpty(), "no notebooks under " + NOTEBOOKS.toAbsolutePath());
            return found;
        }
    }

    /** Every notebook and helper_check.py executed in one kernel, the first time a test asks. */
    private static synchronized Path executed() throws Exception {
        if (executed == null) {
            Path out = Files.createTempDirectory("scv-notebooks-");
            var command = new ArrayList<>(List.of(PYTHON.toString(), "src/test/resources/notebooks/run_notebooks.py",
                    out.toString()));
            notebooks().forEach(n -> command.add(n.toString()));
            System.out.print(run(command, "the notebooks"));
            executed = out;
        }
        return executed;
    }

    /** Runs a command with the notebooks' environment; fails with its output unless it exits 0. */
    private static String run(List<String> command, String what) throws Exception {
        checkTools();
        Path log = Files.createTempFile("scv-notebook-", ".log");
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            process.environment().putAll(notebookEnvironment());
            long start = System.nanoTime();
            Process p = process.start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(what + " did not finish in 15 minutes");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.printf(Locale.ROOT, "%s: %.1f s%n", what, (System.nanoTime() - start) / 1e9);
            assertEquals(0, p.exitValue(), what + " failed:\n" + tail(output));
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * The kernel's JVM gets this JVM's Java and classpath; the notebooks find the project through SCV_HOME and read
     * the warehouse the sample run wrote before any kernel starts. Its JIT stops at C1: on a short-lived JVM over a
     * small warehouse, C2's compile threads cost more than they save (the notebooks take about half the time).
     */
    private static Map<String, String> notebookEnvironment() {
        return Map.of(
                "SCV_HOME", Path.of("").toAbsolutePath().toString(),
                "SCV_WAREHOUSE", SampleWarehouse.get().folder().toString(),
                "SCV_CLASSPATH", System.getProperty("java.class.path"),
                "SCV_NOTEBOOK_JAVA_OPTS", "-XX:TieredStopAtLevel=1",
                "JAVA_HOME", System.getProperty("java.home"));
    }

    /** Jupyter and the Python modules the notebooks import, or a failure that says what to install. */
    private static synchronized void checkTools() throws Exception {
        if (toolsChecked) {
            return;
        }
        String install = " missing: install Debian's packages (apt-get install " + DEBIAN_PACKAGES + ")";
        assertTrue(Files.isExecutable(JUPYTER) && Files.isExecutable(PYTHON), JUPYTER + " or " + PYTHON + install);
        var check = new ProcessBuilder(PYTHON.toString(), "-c",
                "import nbconvert, nbclient, nbformat, ipykernel, jpype, matplotlib, pandas, yaml")
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), "a Python module of the notebooks is" + install + "\n" + output);
        toolsChecked = true;
    }

    /** No error output, a picture from every cell that shows a plot, and no email address outside the lookup. */
    private static void checkExecuted(Path source, Path executed) throws IOException {
        String name = source.getFileName().toString();
        var problems = new ArrayList<String>();
        int index = 0;
        for (JsonNode cell : JSON.readTree(executed.toFile()).path("cells")) {
            index++;
            if (!cell.path("cell_type").asText().equals("code")) {
                continue;
            }
            boolean image = false;
            for (JsonNode output : cell.path("outputs")) {
                if (output.path("output_type").asText().equals("error")) {
                    problems.add("cell " + index + " raised " + output.path("ename").asText() + ": "
                            + output.path("evalue").asText());
                }
                image |= output.path("data").has("image/png");
                if (!name.contains("lookup") && EMAIL.matcher(output.toString()).find()) {
                    problems.add("cell " + index + " shows an email address");
                }
            }
            if (text(cell.path("source")).contains("plt.show()") && !image) {
                problems.add("cell " + index + " draws a plot but has no image/png output");
            }
        }
        assertTrue(problems.isEmpty(), name + ": " + String.join("; ", problems));
    }

    private static String text(JsonNode source) {
        if (source.isArray()) {
            var joined = new StringBuilder();
            source.forEach(line -> joined.append(line.asText()));
            return joined.toString();
        }
        return source.asText();
    }

    private static List<String> sorted(JsonNode names) {
        var list = new ArrayList<String>();
        names.forEach(n -> list.add(n.asText()));
        list.sort(null);
        return list;
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
    }
}
