package io.scv.cli;

import io.scv.publish.Tables;
import io.scv.sample.SampleGenerator;
import io.scv.sample.SampleOptions;
import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * No personal data where it does not belong: runs {@code scv run --json} and then {@code scv forget} on a generated
 * sample as an operator would (own JVM, the shipped log configuration at INFO), and scans everything they print
 * and everything the warehouse keeps beside the customer data itself (the run log, the erasure audit, the
 * suppression list, every table's transaction log) for the sample's emails, phone numbers and full names.
 */
class PiiScanTest {
    private static final int CUSTOMERS = 120;
    @TempDir
    static Path dir;
    private static Set<String> emails;
    private static Set<String> phones;
    private static Set<String> fullNames;
    private static String forgotten;
    private static String runOutput;
    private static String forgetOutput;
    private static Path warehouse;

    @BeforeAll
    static void runAndForgetInTheirOwnJvm() throws Exception {
        Path sample = dir.resolve("sample");
        new SampleGenerator(SampleOptions.defaults(CUSTOMERS, 11)).writeTo(sample, true);
        Path config = sample.resolve("scv.yaml");
        Files.writeString(config, Files.readString(Path.of("conf/scv.yaml")).replace("../sample-data/", ""));
        readPersonalValues(sample.resolve("crm_contacts.csv"));
        warehouse = dir.resolve("warehouse");
        runOutput = scv("run", "--config", config.toString(), "--warehouse", warehouse.toString(), "--json");
        forgetOutput = scv("forget", "--config", config.toString(), "--warehouse", warehouse.toString(),
                "--email", forgotten, "--by", "dpo");
    }

    @Test
    void theScanKnowsEnoughValuesToMatter() {
        assertTrue(emails.size() > 50, "emails: " + emails.size());
        assertTrue(phones.size() > 50, "phones: " + phones.size());
        assertTrue(fullNames.size() > 50, "names: " + fullNames.size());
        assertTrue(runOutput.contains("\"customers\""), runOutput);
        assertTrue(forgetOutput.contains("records removed"), forgetOutput);
    }

    @Test
    void theConsoleOutputOfRunAndForgetHoldsNoPersonalData() {
        assertEquals(List.of(), personalDataIn(runOutput));
        assertEquals(List.of(), personalDataIn(forgetOutput));
    }

    @Test
    void theWarehouseKeepsNoPersonalDataOutsideTheCustomerTables() throws IOException {
        var spark = SparkTestSession.get();
        var text = new StringBuilder();
        for (String table : List.of(Tables.RUN_LOG, Tables.ERASURE_LOG, Tables.SUPPRESSION, Tables.ID_LINEAGE,
                Tables.STATE_HOT_KEYS)) {
            spark.read().format("delta").load(Tables.path(warehouse.toString(), table)).collectAsList()
                    .forEach(r -> text.append(r).append('\n'));
        }
        try (var files = Files.walk(warehouse)) {
            for (Path f : files.filter(p -> p.toString().contains(File.separator + "_delta_log" + File.separator)
                    && Files.isRegularFile(p) && !p.toString().endsWith(".parquet")).toList()) {
                text.append(Files.readString(f, StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        assertTrue(text.length() > 10_000, "the scan read too little to mean anything: " + text.length());
        assertEquals(List.of(), personalDataIn(text.toString()));
    }

    /** Every email, phone (as written and as digits) and full name of the sample's CRM contacts. */
    private static void readPersonalValues(Path crm) throws IOException {
        emails = new TreeSet<>();
        phones = new TreeSet<>();
        fullNames = new TreeSet<>();
        var lines = Files.readAllLines(crm);
        var header = List.of(lines.get(0).split(","));
        int first = header.indexOf("first_name");
        int last = header.indexOf("last_name");
        int email = header.indexOf("email");
        int phone = header.indexOf("phone");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length != header.size()) {
                continue; // a row the generator broke on purpose
            }
            if (f[email].contains("@")) {
                emails.add(f[email].trim().toLowerCase());
                forgotten = forgotten == null ? f[email].trim() : forgotten;
            }
            String digits = f[phone].replaceAll("[^0-9]", "");
            if (digits.length() >= 9) {
                phones.add(digits.substring(digits.length() - 9)); // the national part, however it is written
            }
            if (f[first].length() > 1 && f[last].length() > 1) {
                fullNames.add(f[first].trim() + " " + f[last].trim());
            }
        }
    }

    private static List<String> personalDataIn(String text) {
        var found = new ArrayList<String>();
        String lower = text.toLowerCase();
        emails.stream().filter(lower::contains).forEach(found::add);
        String digits = Pattern.compile("[^0-9]").matcher(text).replaceAll(" ");
        phones.stream().filter(p -> Pattern.compile("(^|\\D)\\d*" + p + "(\\D|$)").matcher(digits).find())
                .forEach(found::add);
        fullNames.stream().filter(n -> lower.contains(n.toLowerCase())).forEach(found::add);
        return found;
    }

    /** Runs {@code scv} in its own JVM with the shipped log configuration; returns stdout and stderr. */
    private static String scv(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")
                        || a.startsWith("-Dio.netty")).toList());
        command.add("-Xmx1g");
        command.add("-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "scv-", ".log");
        var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(".").getAbsoluteFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("scv " + args[0] + " did not finish in 10 minutes");
        }
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), "scv " + args[0] + " failed:\n" + output);
        assertTrue(output.contains(" INFO "), "the run must log at INFO for the scan to mean anything:\n"
                + output.lines().limit(20).collect(Collectors.joining("\n")));
        return output;
    }
}
