package io.scv.bench;

import io.scv.sample.SampleGenerator;
import io.scv.sample.SampleOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How many generator customers give a number of source records, and how much heap generating them takes.
 * <p>
 * The generator is asked for customers, not records: each customer has 0–2 CRM contacts, maybe an ERP account and
 * 0–3 devices, and anonymous visitors add devices of their own. The ratio is measured on every run by generating
 * {@value #CALIBRATION_CUSTOMERS} customers with the run's seed (about a second), so it follows the generator when
 * its rates change. Measured with seed 42: 2.927 records a customer at 2,000 customers, 2.925 at 34,250 and 2.934
 * at 102,750, so the target is met within half a percent at any size.
 */
public final class BenchSizing {
    static final int CALIBRATION_CUSTOMERS = 2_000;
    /**
     * Heap the generator holds at its peak per source record, the least and the most measured: it keeps the
     * population and every extract (click events sorted by time across all devices) in memory until the files are
     * written. Measured with seed 42: 102,750 customers (301,433 records, 713,879 click events) fail at -Xmx300m
     * and finish at -Xmx350m, and a live-object histogram near the end counts 330 MB, 60% of it click events;
     * 341,650 customers (1,003,491 records) finish at -Xmx2g in 107 s, 1,402 MB in use after the last collection.
     * So 1.1 to 1.4 KB a record.
     */
    static final long GENERATOR_HEAP_LEAST_PER_RECORD = 1_100;
    static final long GENERATOR_HEAP_MOST_PER_RECORD = 1_400;

    private BenchSizing() {
    }

    /** Source records per customer, from a small population of the same seed generated into a scratch folder. */
    public static double recordsPerCustomer(long seed, Path scratch) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(scratch), "calibration-");
        try {
            var summary = new SampleGenerator(SampleOptions.defaults(CALIBRATION_CUSTOMERS, seed)).writeTo(dir);
            return (double) summary.truthRows() / CALIBRATION_CUSTOMERS;
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    /** Customers that give about {@code records} source records at {@code recordsPerCustomer}. */
    public static int customersFor(long records, double recordsPerCustomer) {
        long customers = Math.max(1, Math.round(records / recordsPerCustomer));
        if (customers > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%,d source records need %,d customers, more than the generator takes", records, customers));
        }
        return (int) customers;
    }

    /** The generator's heap at its peak for about {@code records} source records, at the least. */
    public static long generatorHeapLeast(long records) {
        return records * GENERATOR_HEAP_LEAST_PER_RECORD;
    }

    /** The same, at the most measured; a quarter more lets the collector work without long pauses. */
    public static long generatorHeapMost(long records) {
        return records * GENERATOR_HEAP_MOST_PER_RECORD;
    }
}
