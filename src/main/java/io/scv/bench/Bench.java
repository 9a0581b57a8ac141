package io.scv.bench;

import io.scv.cli.Progress;
import io.scv.cli.RunSummary;
import io.scv.cli.ScvJob;
import io.scv.config.BlockingSettings;
import io.scv.config.ScvConfig;
import io.scv.eval.ClusterEvaluation;
import io.scv.eval.ClusterMetrics;
import io.scv.eval.Truth;
import io.scv.publish.Tables;
import io.scv.sample.SampleGenerator;
import io.scv.sample.SampleOptions;
import io.scv.sample.SampleSummary;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The benchmark harness of issue 7: generates a population of a given number of source records (or reuses one),
 * runs the whole job on it in this JVM, measures it against the generator's truth, runs the single-JVM
 * {@link Baseline} on the same extracts, and writes one row of figures.
 * <p>
 * Three steps, so that the caller owns the SparkSession ({@code scv bench} builds one at {@code local[2]}; tests
 * pass theirs): {@link #prepare()} sizes and generates the extracts and writes the config, before Spark starts, so
 * that generation is timed apart and its garbage is gone before the job; {@link #measure} runs and measures the job,
 * the evaluation and the baseline; {@link #finish} appends the row and removes what the run wrote. The job is
 * timed by its own stage timer (read to publish); Spark figures come from a listener (no extra work on the data),
 * the heap from the JVM's collectors. Every step reports on the log stream (standard error for the command).
 * <p>
 * With {@code --nights} 2 or 3, {@link #measureLaterNights} then runs the generator's later nights' snapshots on the
 * warehouse the first night left, as the nightly schedule does: those runs map their clusters onto the IDs already
 * issued and merge every table, which costs more than a first night and is what operators pay every night after.
 */
public final class Bench {
    private static final long GENERATION_PROGRESS_SECONDS = 30;
    private static final double MB = 1 << 20;

    private final BenchOptions options;
    private final PrintStream log;

    /**
     * The extracts and config of one run, ready for the job.
     *
     * @param warehouse where the job publishes; emptied before every run, so each run's first night is a first night
     * @param later     the later nights ({@code --nights} 2 or 3), in order: each night's extracts, and the config
     *                  that reads them and publishes to the same warehouse
     */
    public record Prepared(BenchSample sample, ScvConfig config, Path warehouse, List<Night> later) {
        public Prepared {
            later = List.copyOf(later);
        }
    }

    /** A later night's extracts and the config that runs them. */
    public record Night(BenchSample sample, ScvConfig config) {
    }

    public Bench(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /**
     * Sizes the population, generates its extracts (or finds them, with {@code --reuse}), those of each later night
     * asked for, and writes the configs.
     */
    public Prepared prepare() throws IOException {
        BenchConfig.check(options.template());
        Files.createDirectories(options.work());
        int customers = customers();
        String name = String.format(Locale.ROOT, "%dc-seed%d", customers, options.seed());
        var sample = reusedOrGenerated(options.work().resolve("sample-" + name), customers, 1);
        Path warehouse = options.work().resolve("warehouse-" + name);
        BenchFiles.deleteTree(warehouse);
        var later = new ArrayList<Night>();
        for (int night = 2; night <= options.nights(); night++) {
            var extracts = reusedOrGenerated(options.work().resolve("sample-" + name + "-night" + night), customers,
                    night);
            later.add(new Night(extracts, config(extracts, warehouse)));
        }
        return new Prepared(sample, config(sample, warehouse), warehouse, later);
    }

    private int customers() throws IOException {
        double ratio = BenchSizing.recordsPerCustomer(options.seed(), options.work());
        int customers = BenchSizing.customersFor(options.records(), ratio);
        log.printf(Locale.ROOT, "bench: %.3f source records a customer (measured on %,d customers, seed %d): "
                        + "%,d customers for %,d source records%n", ratio, BenchSizing.CALIBRATION_CUSTOMERS,
                options.seed(), customers, options.records());
        return customers;
    }

    private BenchSample reusedOrGenerated(Path dir, int customers, int night) throws IOException {
        BenchSample sample = options.reuse() ? BenchSample.finishedIn(dir, customers, options.seed(), night) : null;
        if (sample == null) {
            return generate(dir, customers, night);
        }
        log.printf(Locale.ROOT, "bench: reusing the extracts in %s (generated in %.1f s by %s)%n", dir,
                sample.generationSeconds(), sample.generatedBy());
        return sample;
    }

    /** The template pointed at the sample, with the pair budget of {@code --max-pairs} when given. */
    private ScvConfig config(BenchSample sample, Path warehouse) throws IOException {
        var config = BenchConfig.write(options.template(), sample.dir(), warehouse);
        if (options.maxPairs() == null) {
            return config;
        }
        var blocking = config.blocking();
        log.printf(Locale.ROOT, "bench: candidate pair budget %,d (the template's: %,d)%n", options.maxPairs(),
                blocking.maxCandidatePairs());
        return config.withBlocking(new BlockingSettings(blocking.maxBlockSize(), options.maxPairs(),
                blocking.rules()));
    }

    /**
     * Runs the job on the prepared extracts with {@code spark}, then evaluates the published crosswalk against
     * the truth and runs the baseline.
     *
     * @param progress the job's console progress; null for none
     */
    public BenchResult measure(SparkSession spark, Prepared prepared, Progress progress)
            throws InterruptedException, IOException {
        var machine = BenchMachine.current(spark.sparkContext().master());
        if (!machine.master().equals(options.master())) {
            log.printf("bench: warning: Spark runs at %s, not %s (the master was set before the harness asked)%n",
                    machine.master(), options.master());
        }
        var job = runJob(spark, prepared.sample(), prepared.config(), progress);
        var quality = evaluate(spark, prepared.config(), prepared.sample(), progress);
        announce(progress, "bench: baseline");
        var baseline = runBaseline(prepared);
        return result(machine, prepared.sample(), prepared.warehouse(), job, quality, baseline);
    }

    /**
     * Runs each later night's job on the warehouse the night before left (after {@link #measure}), and evaluates
     * it against that night's truth. The baseline has no later night: it keeps no state between runs.
     */
    public List<BenchResult> measureLaterNights(SparkSession spark, Prepared prepared, Progress progress)
            throws InterruptedException, IOException {
        var machine = BenchMachine.current(spark.sparkContext().master());
        var results = new ArrayList<BenchResult>();
        for (var night : prepared.later()) {
            var job = runJob(spark, night.sample(), night.config(), progress);
            var quality = evaluate(spark, night.config(), night.sample(), progress);
            results.add(result(machine, night.sample(), prepared.warehouse(), job, quality,
                    new BaselineOutcome(null, "skipped")));
        }
        return results;
    }

    private static BenchResult result(BenchMachine machine, BenchSample sample, Path warehouse, JobRun job,
                                      Quality quality, BaselineOutcome baseline) throws IOException {
        var summary = job.summary();
        return new BenchResult(Instant.now(), machine, sample, summary.records(), summary.stageSeconds(),
                summary.totalSeconds(), summary.perRule(), summary.candidatePairs(), summary.matchedPairs(),
                summary.customers(), summary.idEvents(), job.spark(), job.heap(), quality.metrics().pairwise().f1(),
                quality.metrics().bCubed().f1(), quality.seconds(), BenchFiles.size(sample.dir()),
                BenchFiles.size(warehouse), baseline.result(), baseline.status());
    }

    /** The published crosswalk against the truth, and how long that took (not part of the job). */
    private record Quality(ClusterMetrics metrics, double seconds) {
    }

    private static Quality evaluate(SparkSession spark, ScvConfig config, BenchSample sample, Progress progress) {
        announce(progress, "bench: evaluate against truth");
        long evaluating = System.nanoTime();
        var metrics = evaluate(spark, config.run().warehouse(), sample.truth());
        return new Quality(metrics, (System.nanoTime() - evaluating) / 1e9);
    }

    /** The job's own figures, and what Spark and the heap did while it ran. */
    private record JobRun(RunSummary summary, BenchSparkListener.Figures spark, BenchHeap.Peak heap) {
    }

    private JobRun runJob(SparkSession spark, BenchSample sample, ScvConfig config, Progress progress)
            throws InterruptedException {
        log.printf(Locale.ROOT, "bench: night %d: job on %,d source records at %s%n", sample.night(),
                sample.sourceRecords(), spark.sparkContext().master());
        System.gc();   // the generator's garbage is not the job's
        var heap = BenchHeap.watch();
        var listener = BenchSparkListener.attach(spark.sparkContext());
        RunSummary summary;
        try {
            summary = new ScvJob(spark, progress).run(config);
        } catch (RuntimeException e) {
            heap.stop();
            listener.detach();
            log.printf("bench: the job failed; the extracts stay in %s for another run with --reuse%n", sample.dir());
            throw e;
        }
        var run = new JobRun(summary, listener.detach(), heap.stop());
        log.printf(Locale.ROOT, "bench: night %d: job done in %.1f s: %,d candidate pairs, %,d customers%n",
                sample.night(), summary.totalSeconds(), summary.candidatePairs(), summary.customers());
        return run;
    }

    /** The baseline's figures, or why there are none: "skipped", "n/a" (not built yet) or "failed". */
    private record BaselineOutcome(BaselineResult result, String status) {
    }

    private BaselineOutcome runBaseline(Prepared prepared) {
        if (!options.baseline()) {
            return new BaselineOutcome(null, "skipped");
        }
        System.gc();   // nor the job's garbage the baseline's
        log.println("bench: baseline on the same extracts");
        try {
            return new BaselineOutcome(Baseline.run(prepared.config(), prepared.sample().truth()), null);
        } catch (UnsupportedOperationException e) {
            log.println("bench: no baseline: " + e.getMessage());
            return new BaselineOutcome(null, "n/a");
        } catch (RuntimeException e) {
            log.println("bench: the baseline failed: " + e);
            return new BaselineOutcome(null, "failed");
        }
    }

    /**
     * Appends the rows to {@code --out} (when given): the first night's to the benchmark table, each later night's
     * to the later-nights table; removes the warehouse and the extracts this run generated (unless {@code --keep};
     * reused extracts always stay), and returns the figures as text with the rows last.
     */
    public String finish(Prepared prepared, BenchResult first, List<BenchResult> later) throws IOException {
        String row = BenchTable.row(first);
        var laterRows = later.stream().map(BenchTable::laterNightRow).toList();
        if (options.out() != null) {
            BenchTable.append(options.out(), row);
            for (String r : laterRows) {
                BenchTable.appendLaterNight(options.out(), r);
            }
            log.println("bench: " + (laterRows.isEmpty() ? "row" : "rows") + " appended to " + options.out());
        }
        var samples = new ArrayList<BenchSample>(List.of(prepared.sample()));
        prepared.later().forEach(n -> samples.add(n.sample()));
        if (options.keep()) {
            log.printf("bench: kept the extracts in %s and the warehouse in %s%n", samples.stream()
                    .map(s -> s.dir().toString()).collect(Collectors.joining(", ")), prepared.warehouse());
        } else {
            BenchFiles.deleteTree(prepared.warehouse());
            for (var sample : samples) {
                if (sample.reused()) {
                    log.println("bench: the reused extracts stay in " + sample.dir());
                } else {
                    BenchFiles.deleteTree(sample.dir());
                }
            }
        }
        var text = new StringBuilder(BenchReport.text(first)).append(row).append('\n');
        if (!laterRows.isEmpty()) {
            text.append('\n').append(BenchTable.laterNightHeader()).append('\n');
            laterRows.forEach(r -> text.append(r).append('\n'));
        }
        return text.toString();
    }

    private BenchSample generate(Path dir, int customers, int night) throws IOException {
        checkHeapForGeneration();
        BenchFiles.deleteTree(dir);
        String commit = BenchMachine.checkoutCommit();
        log.printf(Locale.ROOT, "bench: generating night %d of %,d customers (seed %d) into %s%n", night, customers,
                options.seed(), dir);
        var heap = BenchHeap.watch();
        long start = System.nanoTime();
        var ticker = progressOfGeneration(start);
        SampleSummary summary;
        BenchHeap.Peak peak;
        try {
            summary = new SampleGenerator(SampleOptions.defaults(customers, options.seed()).withNights(night))
                    .writeTo(dir, true);
        } finally {
            ticker.shutdownNow();
            peak = heap.stop();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        var sample = BenchSample.generated(dir, customers, options.seed(), summary, seconds, peak, commit);
        sample.writeMarker();
        log.printf(Locale.ROOT, "bench: generated %,d source records, %,d orders and %,d click events in %.1f s "
                        + "(%,.0f MB on disk; heap peak %,.0f MB)%n", sample.sourceRecords(), sample.orders(),
                sample.clickEvents(), seconds, BenchFiles.size(dir) / MB, peak.usedBytes() / MB);
        return sample;
    }

    /** Fails when the heap is surely too small for the generator, and warns when it is tight. */
    private void checkHeapForGeneration() {
        long least = BenchSizing.generatorHeapLeast(options.records());
        long most = BenchSizing.generatorHeapMost(options.records());
        long max = Runtime.getRuntime().maxMemory();
        if (least > max) {
            throw new IllegalStateException(String.format(Locale.ROOT, "generating %,d source records needs %,.0f to "
                    + "%,.0f MB of heap (the generator holds them all in memory), this JVM may use %,.0f MB: raise "
                    + "SCV_HEAP", options.records(), least / MB, most / MB, max / MB));
        }
        if (most * 5 / 4 > max) {
            log.printf(Locale.ROOT, "bench: warning: generating %,d source records needs %,.0f to %,.0f MB of heap and "
                    + "this JVM may use %,.0f MB: expect long collections, or raise SCV_HEAP%n", options.records(),
                    least / MB, most / MB, max / MB);
        }
    }

    /** A line every half minute while the generator works: it reports nothing itself until the files are written. */
    private ScheduledExecutorService progressOfGeneration(long start) {
        var ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "scv-bench-generation");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> log.printf(Locale.ROOT, "bench: [%d s] generating · heap %,.0f MB in use%n",
                        Math.round((System.nanoTime() - start) / 1e9), BenchHeap.usedNow() / MB),
                GENERATION_PROGRESS_SECONDS, GENERATION_PROGRESS_SECONDS, TimeUnit.SECONDS);
        return ticker;
    }

    /** The progress lines name what the harness does after the job, rather than the job's last stage. */
    private static void announce(Progress progress, String step) {
        if (progress != null) {
            progress.stage(step);
        }
    }

    private static ClusterMetrics evaluate(SparkSession spark, String warehouse, Path truthFile) {
        var truth = Truth.load(spark, truthFile.toString());
        try {
            var xref = spark.read().format("delta").load(Tables.path(warehouse, Tables.CUSTOMER_XREF))
                    .select("record_key", "customer_id");
            return ClusterEvaluation.evaluate(xref, truth);
        } finally {
            truth.unpersist();
        }
    }
}
