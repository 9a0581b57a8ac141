package io.scv.bench;

import io.scv.sample.SampleSummary;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * One generated population on disk, as the benchmark uses it: its folder, what the generator was asked for, the
 * rows it wrote and how long that took. A finished set of extracts carries {@value #MARKER} (written last), which
 * is how {@code --reuse} recognises it; a folder without it is an interrupted generation and is generated again.
 *
 * @param dir               the extracts and truth.csv
 * @param crmContacts       CRM contacts (source records)
 * @param erpCustomers      ERP customers (source records)
 * @param webDevices        clickstream devices, one visitor profile each (source records)
 * @param orders            ERP orders, aggregated onto their customers
 * @param clickEvents       raw click events, aggregated onto their devices
 * @param brokenRows        rows broken as rows, appended to the extracts for the job to quarantine
 * @param generationSeconds wall time of the generator when the extracts were written
 * @param generationHeap    the generator's heap then
 * @param generatedBy       the commit that generated them
 * @param reused            true when this run found them rather than generating them
 * @param night             the generator's night these extracts are the snapshot of (1 to 3)
 * @param changes           source records new, updated and deleted against the night before, as "new N, updated N,
 *                          deleted N"; empty for night 1
 */
public record BenchSample(Path dir, int customers, long seed, long crmContacts, long erpCustomers, long webDevices,
                          long orders, long clickEvents, long brokenRows, double generationSeconds,
                          BenchHeap.Peak generationHeap, String generatedBy, boolean reused, int night,
                          String changes) {
    static final String MARKER = "bench-sample.properties";

    /** Records that take part in matching: CRM contacts, ERP customers and visitor profiles (devices). */
    public long sourceRecords() {
        return crmContacts + erpCustomers + webDevices;
    }

    public Path truth() {
        return dir.resolve("truth.csv");
    }

    static BenchSample generated(Path dir, int customers, long seed, SampleSummary s, double seconds,
                                 BenchHeap.Peak heap, String commit) {
        var c = s.changes();
        String changes = s.night() == 1 ? "" : String.format(Locale.ROOT, "new %,d, updated %,d, deleted %,d",
                c.newRecords(), c.updated(), c.deleted());
        return new BenchSample(dir, customers, seed, s.crmContacts(), s.erpCustomers(), s.webDevices(),
                s.erpOrders(), s.clickEvents(), s.faultyRows(), seconds, heap, commit, false, s.night(), changes);
    }

    /** Records this sample in its folder, so that a later run with {@code --reuse} can take it. */
    void writeMarker() throws IOException {
        var p = new Properties();
        p.setProperty("customers", Integer.toString(customers));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("crm_contacts", Long.toString(crmContacts));
        p.setProperty("erp_customers", Long.toString(erpCustomers));
        p.setProperty("web_devices", Long.toString(webDevices));
        p.setProperty("erp_orders", Long.toString(orders));
        p.setProperty("click_events", Long.toString(clickEvents));
        p.setProperty("broken_rows", Long.toString(brokenRows));
        p.setProperty("generation_seconds", Double.toString(generationSeconds));
        p.setProperty("generation_heap_used", Long.toString(generationHeap.usedBytes()));
        p.setProperty("generation_heap_live", Long.toString(generationHeap.liveBytes()));
        p.setProperty("generated_by", generatedBy);
        p.setProperty("night", Integer.toString(night));
        p.setProperty("changes", changes);
        try (Writer w = Files.newBufferedWriter(dir.resolve(MARKER), StandardCharsets.UTF_8)) {
            p.store(w, "scv bench: a finished set of generated extracts (jobs/bench.sh --reuse takes it)");
        }
    }

    /** The finished sample in {@code dir} for these customers, seed and night; null when there is none. */
    static BenchSample finishedIn(Path dir, int customers, long seed, int night) throws IOException {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        var p = new Properties();
        try (Reader r = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (Integer.parseInt(p.getProperty("customers")) != customers
                || Long.parseLong(p.getProperty("seed")) != seed
                || Integer.parseInt(p.getProperty("night", "1")) != night) {
            return null;
        }
        return new BenchSample(dir, customers, seed, count(p, "crm_contacts"), count(p, "erp_customers"),
                count(p, "web_devices"), count(p, "erp_orders"), count(p, "click_events"), count(p, "broken_rows"),
                Double.parseDouble(p.getProperty("generation_seconds")),
                new BenchHeap.Peak(count(p, "generation_heap_used"), count(p, "generation_heap_live")),
                p.getProperty("generated_by", "unknown"), true, night, p.getProperty("changes", ""));
    }

    private static long count(Properties p, String key) {
        return Long.parseLong(p.getProperty(key, "0"));
    }
}
