package io.scv.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Rows that are broken as rows, the kind a nightly extract carries now and then and the job must quarantine
 * rather than match: a CRM line with an unclosed quote, an ERP customer number exported twice, orders with an
 * unknown customer, an unreadable amount or an impossible date, clickstream lines cut short or without a device.
 * About one of each per 1,000 customers, appended to the extracts. None is in the truth file but the repeated
 * ERP row, a copy of a real one: whichever copy the job keeps, it is the same customer.
 */
final class ExtractFaults {
    private final SplittableRandom random;
    private final int count;

    ExtractFaults(SampleOptions options, int night) {
        this.random = RandomStreams.forPurpose(options.seed(), "extract-faults", night);
        this.count = Math.max(1, options.customers() / 1000);
    }

    /** Appends the faulty rows to the files just written; returns how many rows were appended. */
    int appendTo(Path dir, SampleExtracts extracts) throws IOException {
        int rows = 0;
        var crm = new ArrayList<String>();
        var erp = new ArrayList<String>();
        var orders = new ArrayList<String>();
        var events = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            crm.add(String.format(Locale.ROOT, "C9%05d,\"Unclosed,Quote,,,,,,,,,,,,,,,,", i));
            var customers = extracts.erpCustomers();
            if (!customers.isEmpty()) {
                erp.add(CsvWriter.line(customers.get(random.nextInt(customers.size())).row()));
                String known = customers.get(random.nextInt(customers.size())).customerNo();
                orders.add(String.format(Locale.ROOT, "OX%05da,E-999%03d,2024-03-01,19.99,GBP", i, i));
                orders.add(String.format(Locale.ROOT, "OX%05db,%s,2024-03-01,12.5O,GBP", i, known));
                orders.add(String.format(Locale.ROOT, "OX%05dc,%s,31/02/2024,7.00,GBP", i, known));
            }
            events.add("{\"device_id\":\"d-cut" + i + "\",\"ts\":\"2026-01-0");
            events.add("{\"ts\":\"2026-01-02T03:04:05Z\",\"session_id\":\"s-x" + i + "\",\"page\":\"/\","
                    + "\"event_type\":\"page_view\"}");
        }
        rows += append(dir.resolve("crm_contacts.csv"), crm);
        rows += append(dir.resolve("erp_customers.csv"), erp);
        rows += append(dir.resolve("erp_orders.csv"), orders);
        rows += append(dir.resolve("clickstream_events.jsonl"), events);
        return rows;
    }

    private static int append(Path file, List<String> lines) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
        return lines.size();
    }
}
