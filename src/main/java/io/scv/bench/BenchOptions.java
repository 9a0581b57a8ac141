package io.scv.bench;

import io.scv.sample.SampleOptions;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What one benchmark run measures and where its data goes.
 *
 * @param records  source records to generate (CRM contacts + ERP customers + web devices), approximately: the
 *                 generator is asked for the customers that give about this many
 * @param seed     the generator's seed; the same size and seed give the same extracts
 * @param work     where the extracts, the config and the warehouse go
 * @param out      the Markdown file the row is appended to; null to print it only
 * @param template the config whose rules, comparisons and thresholds the job runs with; its sources are pointed at
 *                 the generated extracts
 * @param master   the Spark master of the embedded job
 * @param maxPairs the candidate pair budget ({@code blocking.max_candidate_pairs}) instead of the template's; null
 *                 to keep it. The job stops before scoring above it, which at millions of records the template's
 *                 budget may well do
 * @param baseline also run the single-JVM baseline on the same extracts
 * @param keep     keep the extracts this run generated and the warehouse it wrote
 * @param reuse    use extracts generated earlier for the same size and seed, if a finished set is in {@code work}
 * @param nights   nights to run: 1 is a first night on an empty warehouse; 2 or 3 also run the generator's later
 *                 nights' snapshots on the warehouse the night before left, as a nightly schedule does (each later
 *                 night maps its clusters onto the IDs already issued and merges every table)
 */
public record BenchOptions(long records, long seed, Path work, Path out, Path template, String master,
                           Long maxPairs, boolean baseline, boolean keep, boolean reuse, int nights) {
    /** Below this the job's fixed cost (Spark jobs, Delta commits) is all a run measures. */
    public static final long MIN_RECORDS = 1_000;

    public BenchOptions {
        if (records < MIN_RECORDS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--records must be at least %,d, was: %,d", MIN_RECORDS, records));
        }
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(master, "master");
        if (maxPairs != null && maxPairs < 1) {
            throw new IllegalArgumentException("--max-pairs must be at least 1, was: " + maxPairs);
        }
        if (nights < 1 || nights > SampleOptions.MAX_NIGHTS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--nights must be 1 to %d (the generator's "
                    + "nights), was: %d", SampleOptions.MAX_NIGHTS, nights));
        }
    }

    /**
     * A count as people write it: {@code 2500}, {@code 100k}, {@code 1M}, {@code 2.5M}, {@code 10_000}; k is a
     * thousand and M a million, either case.
     */
    public static long parseCount(String text) {
        String t = text.trim().replace("_", "").replace(",", "");
        long factor = 1;
        if (!t.isEmpty()) {
            char last = Character.toLowerCase(t.charAt(t.length() - 1));
            if (last == 'k' || last == 'm') {
                factor = last == 'k' ? 1_000 : 1_000_000;
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            var value = new BigDecimal(t).multiply(BigDecimal.valueOf(factor));
            if (value.signum() < 0 || value.stripTrailingZeros().scale() > 0) {
                throw new NumberFormatException();
            }
            return value.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a whole count such as 2500, 100k, 1M or 10M: '" + text + "'");
        }
    }
}
