package io.scv.cli;

import io.scv.config.ConfigLoader;
import io.scv.publish.Tables;
import io.scv.report.RunReport;
import io.scv.sample.SampleGenerator;
import io.scv.sample.SampleOptions;
import io.scv.testing.SparkTestSession;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * No personal data where it does not belong: runs the job on a generated sample with scv's loggers at INFO (as
 * {@code conf/log4j2.properties} ships them) and every log line captured, and scans the logs, the printed run
 * summary (text and JSON) and everything the warehouse keeps beside the customer data itself (the run log,
 * lineage, hot-key state, every table's transaction log, the run report) for the sample's emails, phone numbers
 * and full names.
 * {@code ForgetTest} covers what {@code forget} prints and keeps.
 */
class PiiScanTest {
    private static final int CUSTOMERS = 80;
    @TempDir
    static Path dir;
    private static Set<String> emails;
    private static Set<String> phones;
    private static Set<String> fullNames;
    private static String runOutput;
    private static Path warehouse;

    @BeforeAll
    static void runWithEveryLogLineCaptured() throws Exception {
        Path sample = dir.resolve("sample");
        new SampleGenerator(SampleOptions.defaults(CUSTOMERS, 11)).writeTo(sample, true);
        Path configFile = sample.resolve("scv.yaml");
        Files.writeString(configFile, Files.readString(Path.of("conf/scv.yaml")).replace("../sample-data/", ""));
        readPersonalValues(sample.resolve("crm_contacts.csv"));
        warehouse = dir.resolve("warehouse");
        var config = ConfigLoader.load(configFile).withWarehouse(warehouse.toString());
        var logs = new StringWriter();
        var context = (LoggerContext) LogManager.getContext(false);
        var appender = WriterAppender.createAppender(PatternLayout.newBuilder()
                .withPattern("%d{HH:mm:ss} %-5p %c{1}: %m%n").build(), null, logs, "pii-scan", false, true);
        appender.start();
        context.getConfiguration().getRootLogger().addAppender(appender, Level.INFO, null);
        Configurator.setLevel("io.scv", Level.INFO);
        try {
            var summary = new ScvJob(SparkTestSession.get()).run(config);
            runOutput = logs + summary.toText() + RunSummaryJson.of(summary);
        } finally {
            Configurator.setLevel("io.scv", Level.WARN);
            context.getConfiguration().getRootLogger().removeAppender("pii-scan");
            appender.stop();
        }
        assertTrue(runOutput.contains(" INFO  Audit: audit:"), "the scan needs the INFO lines:\n" + runOutput);
    }

    @Test
    void theScanKnowsEnoughValuesToMatter() {
        assertTrue(emails.size() > 40, "emails: " + emails.size());
        assertTrue(phones.size() > 40, "phones: " + phones.size());
        assertTrue(fullNames.size() > 40, "names: " + fullNames.size());
        assertTrue(runOutput.contains("\"customers\""), runOutput);
    }

    @Test
    void theConsoleOutputHoldsNoPersonalData() {
        assertEquals(List.of(), personalDataIn(runOutput));
    }

    @Test
    void theWarehouseKeepsNoPersonalDataOutsideTheCustomerTables() throws IOException {
        var spark = SparkTestSession.get();
        var text = new StringBuilder();
        for (String table : List.of(Tables.RUN_LOG, Tables.ID_LINEAGE, Tables.STATE_HOT_KEYS)) {
            spark.read().format("delta").load(Tables.path(warehouse.toString(), table)).collectAsList()
                    .forEach(r -> text.append(r).append('\n'));
        }
        try (var files = Files.walk(warehouse)) {
            for (Path f : files.filter(p -> (p.toString().contains(File.separator + "_delta_log" + File.separator)
                    && !p.toString().endsWith(".parquet") || p.getParent().endsWith(RunReport.FOLDER))
                    && Files.isRegularFile(p)).toList()) {
                text.append(Files.readString(f, StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        assertTrue(text.length() > 10_000, "the scan read too little to mean anything: " + text.length());
        assertTrue(text.toString().contains("scv run report"), "the scan read the run report");
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
}
